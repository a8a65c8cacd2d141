#!/usr/bin/env bash
# The benches' data: fills a database the MigrationWorker migrated (and nothing has written to since) with LISTINGS
# listings and their sellers, buyers, photos and moderation, and CONVERSATIONS conversations of MESSAGES messages
# (bench/data/fill.sql, one transaction), then VACUUM ANALYZE, then a summary and consistency checks
# (bench/data/summary.sql). The same seed and sizes give the same rows; timestamps end at --as-of (default: now).
# Usage: BENCH_POSTGRES=host:port bash bench/data/fill.sh [--database marketplace_bench] [--listings 1000000]
#          [--conversations 100000] [--messages 1000000] [--seed 1] [--sellers LISTINGS/20] [--buyers SELLERS]
#          [--vocabulary 50000] [--as-of 2026-12-07T00:00:00Z] [--no-summary]
# User postgres (trust, or PGPASSWORD). Every account's password is "marketplace-bench".
# Exit codes: 0 filled; 2 usage (an unknown option, a bad value, no BENCH_POSTGRES, no psql); 3 the database cannot be
# reached, is not migrated, or is not empty; 4 the fill failed and wrote nothing; 5 a consistency check failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DATABASE=marketplace_bench LISTINGS=1000000 CONVERSATIONS=100000 MESSAGES=1000000 SEED=1 SELLERS= BUYERS= VOCABULARY=50000
AS_OF= SUMMARY=1
usage() { echo "$1 (see --help)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --database) DATABASE=${2-}; shift 2 || usage "--database needs a value" ;;
    --listings) LISTINGS=${2-}; shift 2 || usage "--listings needs a value" ;;
    --conversations) CONVERSATIONS=${2-}; shift 2 || usage "--conversations needs a value" ;;
    --messages) MESSAGES=${2-}; shift 2 || usage "--messages needs a value" ;;
    --seed) SEED=${2-}; shift 2 || usage "--seed needs a value" ;;
    --sellers) SELLERS=${2-}; shift 2 || usage "--sellers needs a value" ;;
    --buyers) BUYERS=${2-}; shift 2 || usage "--buyers needs a value" ;;
    --vocabulary) VOCABULARY=${2-}; shift 2 || usage "--vocabulary needs a value" ;;
    --as-of) AS_OF=${2-}; shift 2 || usage "--as-of needs a value" ;;
    --no-summary) SUMMARY=0; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) usage "unknown argument $1" ;;
  esac
done
whole() { [[ $2 =~ ^[0-9]+$ ]] && [ ${#2} -le 12 ] || usage "$1 must be a whole number, not '$2'"; }
whole --listings "$LISTINGS"; whole --conversations "$CONVERSATIONS"; whole --messages "$MESSAGES"; whole --vocabulary "$VOCABULARY"
[[ $SEED =~ ^[0-9]{1,9}$ ]] || usage "--seed must be a whole number below 1,000,000,000, not '$SEED'"
[ "$LISTINGS" -ge 1 ] || usage "--listings must be at least 1"
SELLERS=${SELLERS:-$(( LISTINGS / 20 > 0 ? LISTINGS / 20 : 1 ))}; whole --sellers "$SELLERS"
BUYERS=${BUYERS:-$SELLERS}; whole --buyers "$BUYERS"
[ "$SELLERS" -ge 1 ] && [ "$SELLERS" -le "$LISTINGS" ] || usage "--sellers must be between 1 and the number of listings ($LISTINGS)"
[ "$MESSAGES" -ge "$CONVERSATIONS" ] || usage "--messages ($MESSAGES) must be at least --conversations ($CONVERSATIONS): each conversation starts with a message"
[ "$VOCABULARY" -ge 5000 ] && [ "$VOCABULARY" -le 1000000 ] || usage "--vocabulary must be between 5,000 and 1,000,000 words"
[[ $DATABASE =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || usage "--database must be a plain name (letters, digits, underscores), not '$DATABASE'"
[ -n "${BENCH_POSTGRES:-}" ] || usage "BENCH_POSTGRES=host:port names the PostgreSQL server to fill (user postgres)"
[[ $BENCH_POSTGRES == *:* ]] || usage "BENCH_POSTGRES must be host:port, not '$BENCH_POSTGRES'"
psql=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
[ -x "$psql" ] || { echo "psql not found: apt-get install -y postgresql-client" >&2; exit 2; }
AS_OF=${AS_OF:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}

psql_db() { "$psql" -h "${BENCH_POSTGRES%:*}" -p "${BENCH_POSTGRES##*:}" -U postgres -d "$DATABASE" -X -qAt -v ON_ERROR_STOP=1 "$@"; }
[[ $(psql_db -c "SELECT '$AS_OF'::timestamptz IS NOT NULL" 2>&1) == t ]] \
  || { psql_db -c "SELECT 1" >/dev/null 2>&1 && usage "--as-of must be a timestamp PostgreSQL reads, not '$AS_OF'"; \
       echo "cannot reach database $DATABASE on $BENCH_POSTGRES as postgres: $(psql_db -c 'SELECT 1' 2>&1 | head -n 1)" >&2; exit 3; }
state=$(psql_db -c "SELECT to_regclass('public.\"ConversationParticipant\"') IS NOT NULL")
[ "$state" = t ] && state=$(psql_db -c "SELECT CASE WHEN (SELECT count(*) FROM \"Category\" WHERE \"ParentId\" IS NULL) < 10 THEN 'not seeded'
                                                  WHEN EXISTS (SELECT FROM \"User\") OR EXISTS (SELECT FROM \"Listing\") THEN 'not empty'
                                                  ELSE 'ready' END")
case $state in
  ready) ;;
  f|'not seeded') echo "database $DATABASE is not migrated: run the MigrationWorker on it first (bench/api-load.sh shows how)" >&2; exit 3 ;;
  *) echo "database $DATABASE already has accounts or listings: fill a freshly migrated database (the fill refuses to mix with other data)" >&2; exit 3 ;;
esac

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }
echo "filling $DATABASE on $BENCH_POSTGRES: $LISTINGS listings, $SELLERS sellers, $BUYERS buyers, $CONVERSATIONS conversations," \
  "$MESSAGES messages, vocabulary $VOCABULARY, seed $SEED, as of $AS_OF; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(now)
(cd "$here" && psql_db -v listings="$LISTINGS" -v sellers="$SELLERS" -v buyers="$BUYERS" -v conversations="$CONVERSATIONS" \
  -v messages="$MESSAGES" -v seed="$SEED" -v vocabulary="$VOCABULARY" -v as_of="$AS_OF" -f fill.sql) \
  || { echo "the fill failed (above); its transaction was rolled back, so the database is as it was" >&2; exit 4; }
filled=$(elapsed "$start")
step=$(now)
psql_db -c 'VACUUM (ANALYZE) "User", "Category", "Listing", "ListingImage", "AdminAuditLog", "Conversation", "ConversationMessage", "ConversationParticipant"'
echo "  $(printf '%-58s %7.1f s' 'VACUUM ANALYZE' "$(elapsed "$step")")"
echo "filled in $filled s, $(elapsed "$start") s with VACUUM ANALYZE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$SUMMARY" = 1 ]; then
  step=$(now)
  psql_db -f "$here/summary.sql" || { echo "a consistency check failed (above)" >&2; exit 5; }
  echo "summary and checks in $(elapsed "$step") s"
fi
