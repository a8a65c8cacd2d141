#!/usr/bin/env bash
# The inbox at 1,000,000 messages over 100,000 conversations: a throwaway PostgreSQL, migrated by the worker, filled by
# bench/data/fill.sh (LISTINGS listings, 100,000 conversations, 1,000,000 messages); the Api published in Release and
# run as in production. The SQL the Api sends for GET /api/conversations (the inbox's first page) and
# GET /api/conversations/{id} (a conversation's latest messages) is read from the server's log, not written here, so
# that what is measured is what the Api runs. Then:
#   1. EXPLAIN (ANALYZE, BUFFERS) of both, RUNS times each, for the busiest account (the most conversations) and a
#      typical one (the median among accounts with a conversation): the plans and their times;
#   2. RUNS rounds of: pgbench on that SQL, then wrk on the endpoint, for 64 accounts' tokens (the busiest, then every
#      (n/63)th account by number of conversations, each with its own inbox and its latest conversation), 32 clients
#      and connections, a 5 s warm-up before each timed DURATION; requests/s, p50/p99, CPU per request, Api/pgbench.
# Usage: nice -n 19 bash bench/inbox.sh [--runs 3] [--duration 20s] [--listings 1000000]
# Needs wrk and pgbench (apt-get install -y wrk postgresql-client). BENCH_BIN=<dir> reuses a publish (Api/, MigrationWorker/).
# Exit codes: 0 measured; 1 a step failed (publish, migration, fill, the Api, capturing its SQL; the reason above);
# 2 usage (an unknown option, a bad value, a tool missing, BENCH_POSTGRES given: the SQL is read from the log of a
# server this script starts); 3 measured, but a plan reads a conversation table sequentially or misses its index;
# 4 measured, but the Api answered something other than 200 during a run.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=3 DURATION=20s LISTINGS=1000000 CONNECTIONS=32 WARMUP=5s JIT_WARMUP=30s USERS=64 POOL_SIZE=8
usage() { echo "$1 (see --help)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=${2-}; shift 2 || usage "--runs needs a value" ;;
    --duration) DURATION=${2-}; shift 2 || usage "--duration needs a value" ;;
    --listings) LISTINGS=${2-}; shift 2 || usage "--listings needs a value" ;;
    -h|--help) sed -n 2,19p "$0"; exit 0 ;;
    *) usage "unknown argument $1" ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]?$ ]] || usage "--runs must be a whole number from 1 to 99, not '$RUNS'"
[[ $DURATION =~ ^[1-9][0-9]{0,3}s$ ]] || usage "--duration must be seconds written like 20s, not '$DURATION'"
[[ $LISTINGS =~ ^[0-9]{1,9}$ ]] && [ "$LISTINGS" -ge 20000 ] \
  || usage "--listings must be a whole number of at least 20,000 (100,000 conversations need that many listings), not '$LISTINGS'"
[ -z "${BENCH_POSTGRES:-}" ] || usage "BENCH_POSTGRES is not supported here: the Api's SQL is read from the log of the server this script starts"
for tool in wrk pgbench psql curl; do
  command -v $tool >/dev/null || usage "$tool not found: apt-get install -y wrk postgresql-client curl"
done
here=bench/inbox

out=$(mktemp -d /tmp/marketplace-inbox.XXXXXX)
db=marketplace_bench
trap 'rm -rf "$out"' EXIT   # until the cleanup below: the server may fail to start
. bench/api-bench.sh
cleanup() {
  stop_api
  stop_throwaway_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

publish_and_migrate
say "filling: $LISTINGS listings, 100,000 conversations, 1,000,000 messages (load $(load))"
s=$(date +%s)
BENCH_POSTGRES="$PG_HOST:$PG_PORT" bash bench/data/fill.sh --database $db --listings "$LISTINGS" \
  --conversations 100000 --messages 1000000 --no-summary >&2 || { echo "the fill failed (above)" >&2; exit 1; }
say "filled in $(( $(date +%s) - s )) s: $(psql_db -c 'SELECT count(*) FROM "ConversationMessage"') messages in $(psql_db -c 'SELECT count(*) FROM "Conversation"') conversations"

# --- the accounts: the busiest, the typical one, and USERS of every size for the load --------------------------------
# Accounts that can sign in (not suspended, not deleted) ranked by their number of conversations; each with the
# conversation at the top of their inbox (the one they would open).
psql_db -F' ' -c "
  WITH counts AS (
    SELECT p.\"UserId\" AS id, u.\"Email\" AS email, count(*) AS n
    FROM \"ConversationParticipant\" p JOIN \"User\" u ON u.\"Id\" = p.\"UserId\"
    WHERE u.\"SuspendedAt\" IS NULL AND u.\"DeletedAt\" IS NULL
    GROUP BY p.\"UserId\", u.\"Email\"),
  ranked AS (SELECT *, row_number() OVER (ORDER BY n DESC, id) AS r, count(*) OVER () AS total FROM counts)
  SELECT r, id, email, n,
         (SELECT t.\"ConversationId\" FROM \"ConversationParticipant\" t WHERE t.\"UserId\" = ranked.id
          ORDER BY t.\"LastMessageAt\" DESC, t.\"ConversationId\" DESC LIMIT 1),
         CASE WHEN r = 1 THEN 'busiest' WHEN r = (total + 1) / 2 THEN 'typical' ELSE '-' END
  FROM ranked
  WHERE r = 1 OR r = (total + 1) / 2 OR r IN (SELECT 1 + round((total - 1) * k / ($USERS - 1.0)) FROM generate_series(1, $USERS - 1) k)
  ORDER BY r" >"$out/users"
read -r _ busiest busiest_email busiest_n busiest_conversation _ < <(awk '$6 == "busiest"' "$out/users")
read -r typical_rank typical typical_email typical_n typical_conversation _ < <(awk '$6 == "typical"' "$out/users")
# The longest conversation, read by its buyer: the most messages a conversation's page walks past.
read -r longest longest_buyer longest_n < <(psql_db -F' ' -c 'SELECT c."Id", c."BuyerId", count(*) FROM "ConversationMessage" m JOIN "Conversation" c ON c."Id" = m."ConversationId" GROUP BY c."Id" ORDER BY count(*) DESC, c."Id" LIMIT 1')
say "busiest account: $busiest_email, $busiest_n conversations; typical: $typical_email (rank $typical_rank of $(psql_db -c 'SELECT count(DISTINCT "UserId") FROM "ConversationParticipant"')), $typical_n"

# --- the Api, as in production; each account signs in as the Web does ------------------------------------------------
# Signing in counts in the caller's anonymous budget (RequestLimits:WritesPerWindow), raised for the USERS sign-ins.
start_api RequestLimits__WritesPerWindow=1000000 Database__MaxPoolSize="$POOL_SIZE"
say "signing in $(wc -l <"$out/users") accounts"
: >"$out/inbox" ; : >"$out/page"
while read -r _ id email _ conversation _; do
  token=$(access_token "$email" marketplace-bench)
  [ -n "$token" ] || { echo "$email could not sign in" >&2; exit 1; }
  echo "/api/conversations $token" >>"$out/inbox"
  echo "/api/conversations/$conversation $token" >>"$out/page"
  [ "$id" = "$busiest" ] && busiest_token=$token
done <"$out/users"

# --- the Api's own SQL, from the server's log: one request of each, every statement logged with its parameters -------
log_statements() { psql_db -c "ALTER SYSTEM SET log_min_duration_statement = ${1}" -c 'SELECT pg_reload_conf()' >/dev/null; sleep 0.5; }
log_from=$(wc -l <"$PG_DIR/log")
log_statements 0
curl -fs -o /dev/null -H "Authorization: Bearer $busiest_token" "$base/api/conversations"
curl -fs -o /dev/null -H "Authorization: Bearer $busiest_token" "$base/api/conversations/$busiest_conversation"
log_statements -1
# A logged statement: "LOG:  duration: … execute <unnamed>: SELECT …" on one or more lines, then
# "DETAIL:  parameters: $1 = '…', $2 = '…'". Prints the NTH (1 by default) statement naming TABLE, its parameters after.
captured() {
  tail -n +"$((log_from + 1))" "$PG_DIR/log" | awk -v table="\"$1\"" -v nth="${2:-1}" '
    /^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] LOG:  duration: .* execute [^:]*: / { sql = $0; sub(/.* execute [^:]*: /, "", sql); open = 1; next }
    open && /^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] DETAIL:  parameters: / {
      open = 0
      if (index(sql, "FROM " table) && ++seen == nth) { print sql; p = $0; sub(/.*parameters: /, "", p); print "--parameters " p }
      next }
    open && /^[0-9-]+ [0-9:.]+ / { open = 0; next }
    open { sql = sql "\n" $0 }'
}
# A conversation's page is two statements: its head (the caller's side, the second statement on the participants) and
# a page of its messages.
captured ConversationParticipant >"$out/inbox.captured"
captured ConversationParticipant 2 >"$out/head.captured"
captured ConversationMessage >"$out/messages.captured"
for name in inbox head messages; do
  grep -q '^--parameters' "$out/$name.captured" || { echo "the Api's $name query was not found in the server's log:" >&2; tail -n 40 "$PG_DIR/log" >&2; exit 1; }
done

# sql_of NAME ME CONVERSATION: the captured statement with the caller's id and the conversation's as ME and
# CONVERSATION (pgbench variables or literals), every other parameter as the literal the Api sent (a page size). The
# name page is both of a conversation's page's statements, one after the other.
sql_of() {
  local name=$1 me=$2 conversation=$3 sql n value
  if [ "$name" = page ]; then sql_of head "$me" "$conversation"; echo ';'; sql_of messages "$me" "$conversation"; return; fi
  sql=$(sed '/^--parameters/d' "$out/$name.captured")
  while IFS='=' read -r n value; do
    n=${n// /}; value=$(echo "$value" | sed "s/^ *'//; s/' *$//")
    if [ "$value" = "$busiest" ]; then value=$me
    elif [ "$value" = "$busiest_conversation" ]; then value=$conversation
    else value="'$value'"; fi
    sql=$(printf '%s' "$sql" | sed "s/[\$]${n#\$}\\b/$value/g")
  done < <(sed -n 's/^--parameters //p' "$out/$name.captured" | sed "s/', \\\$/'\\n\$/g" | sort -t= -k1.2,1nr)
  printf '%s\n' "$sql"
}

# --- plans ---------------------------------------------------------------------------------------------------------
plan_flags=
explain() {
  local label=$1 name=$2 me=$3 conversation=$4 sql i runs=()
  sql="EXPLAIN (ANALYZE, BUFFERS) $(sql_of "$name" "'$me'" "$conversation")"
  for i in $(seq "$RUNS"); do runs+=(-c "$sql"); done
  # One session, as a pooled connection of the Api's is: the first run also loads the catalog into the session's caches.
  psql_db "${runs[@]}" >"$out/plans-$name"
  median() { sed -n "s/^$1: \([0-9.]*\) ms$/\1/p" "$out/plans-$name" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
  echo "== $label: $RUNS runs in one session, median planning $(median 'Planning Time') ms, execution $(median 'Execution Time') ms (each run's execution: $(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' "$out/plans-$name" | tr '\n' ' ')ms); the last run's plan:"
  awk -v runs="$RUNS" 'n == runs - 1 {print} /^Execution Time:/ {n++}' "$out/plans-$name" >"$out/plan"
  cat "$out/plan"
  if grep -Eq 'Seq Scan on "?(ConversationParticipant|Conversation|ConversationMessage|Listing|User|ListingImage|UserBlock)"? ' "$out/plan"; then
    plan_flags+="$label reads a conversation table sequentially. "
  fi
  local index=IX_ConversationParticipant_Inbox; [ "$name" = head ] && index=PK_ConversationParticipant
  [ "$name" = messages ] && index=IX_ConversationMessage_ConversationId_Id
  grep -q "$index" "$out/plan" || plan_flags+="$label does not use $index. "
}
say "plans (EXPLAIN (ANALYZE, BUFFERS), $RUNS runs each)"
{
  echo "== the Api's SQL for the inbox's first page (from the server's log):"; cat "$out/inbox.captured"
  echo "== the Api's SQL for a conversation's page, its head then its latest messages:"; cat "$out/head.captured" "$out/messages.captured"
  explain "inbox, busiest account ($busiest_n conversations)" inbox "$busiest" "$busiest_conversation"
  explain "inbox, typical account ($typical_n conversations)" inbox "$typical" "$typical_conversation"
  for part in head messages; do
    explain "conversation page ($part), busiest account's latest conversation" $part "$busiest" "$busiest_conversation"
    explain "conversation page ($part), typical account's latest conversation" $part "$typical" "$typical_conversation"
    explain "conversation page ($part), the longest conversation ($longest_n messages), its buyer" $part "$longest_buyer" "$longest"
  done
} >"$out/plans"

# --- load: pgbench on the same SQL, then wrk on the endpoint, RUNS rounds -------------------------------------------
# One pgbench script per account (pgbench picks one per transaction), the account's values as -D variables: sent as
# parameters, planned with their values, as Npgsql's unprepared statements are (-M extended).
pgbench_args() {
  local name=$1 k=0 id conversation
  while read -r _ id _ _ conversation _; do
    k=$((k + 1))
    sql_of "$name" ":me$k" ":conversation$k" | tr '\n' ' ' >"$out/pgbench-$name-$k.sql"; echo ';' >>"$out/pgbench-$name-$k.sql"
    printf -- '-f %s -D me%s=%s -D conversation%s=%s ' "$out/pgbench-$name-$k.sql" $k "$id" $k "$conversation"
  done <"$out/users"
  echo
}
declare -A tps latency
pgbench_run() {
  local name=$1 args
  read -ra args < <(pgbench_args "$name")
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U postgres -n -M extended -c "$CONNECTIONS" -j 2 -T "${WARMUP%s}" "${args[@]}" $db \
    >"$out/pgbench-$name" 2>&1 || { cat "$out/pgbench-$name" >&2; exit 1; }
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U postgres -n -M extended -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" "${args[@]}" $db \
    >"$out/pgbench-$name" 2>&1 || { cat "$out/pgbench-$name" >&2; exit 1; }
  tps[$name]=$(awk -F'= ' '/^tps/ {printf "%.0f", $2}' "$out/pgbench-$name")
  latency[$name]=$(awk -F'= ' '/^latency average/ {print $2}' "$out/pgbench-$name")
  say "pgbench $name: ${tps[$name]} tps, latency average ${latency[$name]} (load $(load))"
}

say "JIT warm-up: $JIT_WARMUP of both endpoints"
cat "$out/inbox" "$out/page" >"$out/both"
REQUESTS_FILE="$out/both" wrk -t2 -c"$CONNECTIONS" -d"$JIT_WARMUP" -s $here/requests.lua "$base" >/dev/null
: >"$out/rounds"
for round in $(seq "$RUNS"); do
  for name in inbox page; do
    pgbench_run "$name"
    run_wrk "$name" $here/requests.lua REQUESTS_FILE="$out/$name"
    printf '%-6s %5s %9s %10s %10s %11s %10s %12s %7s  %s\n' "$name" "$round" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
      "${cpu[$name]}" "${pgcpu[$name]}" "${tps[$name]} (${latency[$name]})" \
      "$(awk -v a="${rps[$name]}" -v b="${tps[$name]}" 'BEGIN {printf "%.2f", a / b}')" "${avg_load[$name]}" >>"$out/rounds"
  done
done

echo
echo "== Inbox: $(psql_db -c 'SELECT count(*) FROM "ConversationMessage"') messages, $(psql_db -c 'SELECT count(*) FROM "Conversation"') conversations, $LISTINGS listings; $USERS accounts' tokens; $CONNECTIONS connections and pgbench clients, Api pool $POOL_SIZE; $DURATION per run after $WARMUP; $(nproc) cores; $(date -u +%Y-%m-%d) =="
cat "$out/plans"
echo
echo "== load (inbox: GET /api/conversations; page: GET /api/conversations/{id}) =="
printf '%-6s %5s %9s %10s %10s %11s %10s %12s %7s  %s\n' what round req/s p50 p99 "Api us/req" "PG us/req" "pgbench tps (latency)" Api/pgbench "load (1/5/15 min)"
sort -s -k1,1 "$out/rounds"
for name in inbox page; do
  echo "$name: median Api/pgbench over $RUNS rounds: $(awk -v n="$name" '$1 == n {print $(NF-3)}' "$out/rounds" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
done
status=0
[ -z "$plan_flags" ] || { echo "PLAN: $plan_flags"; status=3; }
[ -z "$non2xx" ] || { echo "THE API ANSWERED OTHER THAN 200: $non2xx"; [ $status -ne 0 ] || status=4; }
exit $status
