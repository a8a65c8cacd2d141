#!/usr/bin/env bash
# GET /api/me/listings's query at scale: a throwaway PostgreSQL, migrated by the worker, filled by bench/data/fill.sh
# (USERS sellers, LISTINGS listings, no conversations; seller 1, the largest, has about 4 % of them at the defaults,
# one in a hundred removed by an admin); then EXPLAIN (ANALYZE, BUFFERS) of the query the Api sends for seller 1
# (every status, one status, two statuses, a page deep by cursor), with every index the migrations made, then without
# IX_Listing_SellerId_CreatedAt_Id (AddListingSellerCreatedAtIndex). Prints each plan's first nodes, the buffers it
# touched and the median execution time of five runs.
# Usage: bash bench/my-listings.sh [--listings 300000] [--users 2500]
# Needs psql (apt-get install -y postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTINGS=300000 USERS=2500
while [ $# -gt 0 ]; do
  case $1 in
    --listings) LISTINGS=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
export BENCH_PG_SETTINGS="-c shared_buffers=512MB -c work_mem=16MB -c maintenance_work_mem=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off ${BENCH_PG_SETTINGS:-}"
. scripts/throwaway-postgres.sh
trap stop_throwaway_postgres EXIT
trap 'exit 130' INT TERM
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
db=marketplace_bench
psql_admin -c "CREATE DATABASE $db" >/dev/null
psql_db() { "$PG_BIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U postgres -d $db -qAt -v ON_ERROR_STOP=1 "$@"; }
say "building the worker (Release) and migrating"
dotnet build MigrationWorker -c Release -v q -nologo >/dev/null
ConnectionStrings__marketplacedb=$(pg_connection $db) dotnet MigrationWorker/bin/Release/net10.0/Marketplace.MigrationWorker.dll >/tmp/my-listings-worker.log 2>&1 || { cat /tmp/my-listings-worker.log >&2; exit 1; }
say "filling: $USERS sellers and $LISTINGS listings"
BENCH_POSTGRES="$PG_HOST:$PG_PORT" bash bench/data/fill.sh --database $db --listings "$LISTINGS" --sellers "$USERS" \
  --conversations 0 --messages 0 --no-summary >&2
seller=00000000-0000-4000-8000-000000000001
psql_db -c "SELECT 'seller 1: ' || sum(n) || ' listings (' || string_agg(n || ' ' || s, ', ') || ')' FROM (SELECT \"Status\"::text s, count(*) n FROM \"Listing\" WHERE \"SellerId\" = '$seller' GROUP BY 1 ORDER BY 1) x" | sed 's/^/  /'
cursor=$(psql_db -c "SELECT \"CreatedAt\" || '|' || \"Id\" FROM \"Listing\" WHERE \"SellerId\" = '$seller' ORDER BY \"CreatedAt\" DESC, \"Id\" DESC OFFSET 1000 LIMIT 1")
at=${cursor%|*}; id=${cursor#*|}
# The query EF Core sends (the columns of ListingResponse), for each case.
query() {
  echo "SELECT l.\"Id\", l.\"Title\", l.\"Description\", l.\"Price\", l.\"CategoryId\", l.\"Category\", l.\"Status\", l.\"SellerId\", l.\"CreatedAt\", l.\"UpdatedAt\", l.\"RemovedAt\"
        FROM \"Listing\" AS l WHERE l.\"SellerId\" = '$seller' $1 ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"
}
explain() {
  local label=$1 sql=$2
  psql_db -c "SET max_parallel_workers_per_gather = 0" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON) $sql" >/tmp/my-listings-plan.txt
  local ms; ms=$(for _ in 1 2 3 4 5; do psql_db -c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) $sql" | sed -n 's/Execution Time: \([0-9.]*\) ms/\1/p'; done | sort -n | sed -n 3p)
  printf '  %-34s median of 5: %7s ms  %s\n' "$label" "$ms" \
    "$(grep -oE '(Index Only Scan|Index Scan|Index Scan Backward|Bitmap Heap Scan|Bitmap Index Scan|Seq Scan|Sort|Merge Append)( on "Listing"| using "?[A-Za-z_0-9]+"?)?|shared hit=[0-9]+' /tmp/my-listings-plan.txt | head -3 | paste -sd ';' -)"
}
run() {
  explain "every status, page 1" "$(query "")"
  explain "status=Draft, page 1" "$(query "AND l.\"Status\" = ANY (ARRAY['draft']::listing_status[])")"
  explain "status=Active&status=Sold, page 1" "$(query "AND l.\"Status\" = ANY (ARRAY['active','sold']::listing_status[])")"
  explain "every status, after 1,000" "$(query "AND (l.\"CreatedAt\", l.\"Id\") < ('$at'::timestamptz, $id)")"
}
say "with every index the migrations made"
run
say "without IX_Listing_SellerId_CreatedAt_Id"
psql_db -c "DROP INDEX \"IX_Listing_SellerId_CreatedAt_Id\"; ANALYZE \"Listing\""
run
