#!/usr/bin/env bash
# The Api under load, end to end: a throwaway PostgreSQL, migrated by the worker, filled by bench/data/fill.sh (LISTINGS
# listings, LISTINGS/20 sellers, LISTINGS/10 conversations of LISTINGS messages); the Api published in Release and run
# as in production; then wrk on
# loopback drives each mix (after a warm-up) and pgbench runs the same mix's SQL as the ceiling. Prints requests/s,
# p50, p99 and the Api process's CPU time per request for each mix, page 1 against page 1,000 of one filter, the scan
# nodes of each mix's plan, and a summary table. Everything it started is stopped on exit, Ctrl+C included.
# Usage: bash bench/api-load.sh [--listings 1000000] [--duration 20s] [--connections 32] [--warmup 5s] [--jit-warmup 40s]
#                              [--pool-size 8]   (the Api's Database:MaxPoolSize; 0 leaves Npgsql's default of 100)
# Needs wrk and pgbench (apt-get install -y wrk postgresql-client). BENCH_POSTGRES=host:port uses an existing server.
set -euo pipefail
cd "$(dirname "$0")/.."
LISTINGS=1000000 DURATION=20s CONNECTIONS=32 WARMUP=5s JIT_WARMUP=40s WRITERS=64 POOL_SIZE=8
while [ $# -gt 0 ]; do
  case $1 in
    --listings) LISTINGS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --jit-warmup) JIT_WARMUP=$2; shift 2 ;;
    --pool-size) POOL_SIZE=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
USERS=$(( LISTINGS / 20 > 0 ? LISTINGS / 20 : 1 ))   # the sellers bench/data/fill.sh makes (its default)
for tool in wrk pgbench psql curl; do
  command -v $tool >/dev/null || { echo "$tool not found: apt-get install -y wrk postgresql-client curl" >&2; exit 2; }
done
here=bench/api-load

out=$(mktemp -d /tmp/marketplace-api-load.XXXXXX)
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
say "filling: $LISTINGS listings, $USERS sellers, $(( LISTINGS / 10 )) conversations, $LISTINGS messages"
s=$(date +%s)
# Its VACUUM ANALYZE matters: right after a bulk load the statistics are empty and the planner skipped the full-text index.
BENCH_POSTGRES="$PG_HOST:$PG_PORT" bash bench/data/fill.sh --database $db --listings "$LISTINGS" --sellers "$USERS" \
  --conversations $(( LISTINGS / 10 )) --messages "$LISTINGS" --no-summary >&2
say "filled in $(( $(date +%s) - s )) s: $(psql_db -c "SELECT count(*) FROM \"Listing\"") listings, $(psql_db -c "SELECT pg_size_pretty(pg_total_relation_size('\"Listing\"'))")"

# --- the Api, as in production -------------------------------------------------------------------------------------
# Writes are limited per user (RequestLimits:WritesPerWindow, 30 a minute); the POST mix raises it for the run
# instead of registering hundreds of accounts, and still spreads the writes over WRITERS users. The pool is capped at
# POOL_SIZE connections (4 per core of this box's PostgreSQL), as the README recommends for production.
pool_setting=(); [ "$POOL_SIZE" != 0 ] && pool_setting=(Database__MaxPoolSize="$POOL_SIZE")
# The writers' verification mails are never sent (start_api's SMTP port is closed); they are verified in the table below.
start_api RequestLimits__WritesPerWindow=1000000 "${pool_setting[@]}"

say "registering and logging in $WRITERS users"
: >"$out/tokens"
for i in $(seq "$WRITERS"); do
  body="{\"email\":\"writer$i@bench.example\",\"password\":\"bench-password-$i\",\"displayName\":\"Writer $i\"}"
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d "$body" "$base/api/auth/register"
  token=$(curl -fs -H 'Content-Type: application/json' -d "$body" "$base/api/auth/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  echo "$token" >>"$out/tokens"
done
# Creating and editing listings needs a verified address (Accounts:RequireVerifiedEmail): the writers' are, as if they
# had followed their verification mails.
psql_db -c "UPDATE \"User\" SET \"EmailVerifiedAt\" = now() WHERE \"Email\" LIKE 'writer%@bench.example'" >/dev/null

# --- the mixes -----------------------------------------------------------------------------------------------------
slugs=(electronics furniture clothing vehicles home-and-garden sports books-and-media toys collectibles other)
adjectives=(red blue green black white vintage modern antique compact large small used new refurbished wooden leather)
nouns=(bike sofa table chair lamp phone laptop camera guitar piano jacket shoes watch desk bed stroller drill mower tent kayak)
RANDOM=7
for _ in $(seq 2000); do
  lo=$(( (RANDOM % 50) * 10 )); echo "/api/listings?categorySlug=${slugs[RANDOM % 10]}&minPrice=$lo&maxPrice=$((lo + 50 + RANDOM % 500))"
done >"$out/category-price"
for _ in $(seq 2000); do
  if (( RANDOM % 2 )); then echo "/api/listings?q=${nouns[RANDOM % 20]}"; else echo "/api/listings?q=${adjectives[RANDOM % 16]}+${nouns[RANDOM % 20]}"; fi
done >"$out/text"
for _ in $(seq 2000); do
  printf '/api/listings?sellerId=00000000-0000-4000-8000-%012x\n' $(( 1 + (RANDOM * 32768 + RANDOM) % USERS ))
done >"$out/seller"
for _ in $(seq 2000); do echo "/api/listings?categorySlug=${slugs[RANDOM % 10]}"; done >"$out/category"

declare -A ceiling

# One long warm-up first: tiered JIT and dynamic PGO recompile the hot paths in the background for tens of seconds,
# and that CPU is charged to the process. After 5 s, page 1 cost ~1,000 us/request; after 40 s, ~320-380.
say "JIT warm-up: $JIT_WARMUP of category-price and seller"
cat "$out/category-price" "$out/seller" >"$out/all-get"   # not text: its slow queries would hold the connections
PATHS_FILE="$out/all-get" wrk -t2 -c"$CONNECTIONS" -d"$JIT_WARMUP" -s $here/paths.lua "$base" >/dev/null
say "GET mixes and POST, $CONNECTIONS connections, $WARMUP warm-up + $DURATION each"
run_wrk category $here/paths.lua PATHS_FILE="$out/category"
run_wrk category-price $here/paths.lua PATHS_FILE="$out/category-price"
run_wrk text $here/paths.lua PATHS_FILE="$out/text"
run_wrk seller $here/paths.lua PATHS_FILE="$out/seller"

# --- page 1 against page 1,000 of one filter: walk the cursor chain once, then replay the 1,000th page's cursor -------
page_filter="categorySlug=furniture"
cursor=
for _ in $(seq 999); do
  next=$(curl -fs "$base/api/listings?$page_filter${cursor:+&cursor=$cursor}" | sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p')
  # Too few pages (a small --listings): keep the last page's cursor rather than fall back to page 1.
  [ -n "$next" ] || { echo "the filter $page_filter has fewer than 1,000 pages at $LISTINGS listings" >&2; break; }
  cursor=$(printf %s "$next" | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
done
echo "/api/listings?$page_filter" >"$out/page1"
echo "/api/listings?$page_filter&cursor=$cursor" >"$out/page1000"
# Three rounds, alternating, so that a busy minute on this shared box does not land on one page only; the table shows
# the last round, the ratio is the median of the three.
ratios=()
for round in 1 2 3; do
  run_wrk page-1 $here/paths.lua PATHS_FILE="$out/page1"
  run_wrk page-1000 $here/paths.lua PATHS_FILE="$out/page1000"
  ratios+=("$(awk -v a="${rps[page-1]}" -v b="${rps[page-1000]}" 'BEGIN {printf "%.2f", a / b}')")
done

# --- the ceiling: each mix's SQL (the shape EF Core generates) run by pgbench, same connections and duration. -M extended,
# like Npgsql without auto-prepare (each execution planned with its values). With -M prepared, text and seller did 4
# and 214 tps, below the Api's own 15 and 618 req/s (most likely generic plans), so that was no ceiling.
read -r cat_lo cat_hi < <(psql_db -F' ' -c 'SELECT min("Id"), max("Id") FROM "Category"')
columns='l."Id", l."Title", l."Description", l."Price", l."CategoryId", l."Category", l."Status", l."SellerId", l."CreatedAt", l."UpdatedAt", l."RemovedAt"'
cat >"$out/category.sql" <<EOF
\set cat random($cat_lo, $cat_hi)
SELECT $columns FROM "Listing" AS l WHERE l."Status" = 'active'::listing_status AND l."RemovedAt" IS NULL AND l."SellerSuspendedAt" IS NULL AND l."CategoryId" = :cat ORDER BY l."CreatedAt" DESC, l."Id" DESC LIMIT 21;
EOF
# A newest-first page with a price range: the ids from the index alone, then only those rows (ListingSearch.Page).
cat >"$out/category-price.sql" <<EOF
\set cat random($cat_lo, $cat_hi)
\set lo random(0, 49) * 10
\set hi :lo + random(50, 550)
SELECT $columns FROM "Listing" AS l WHERE l."Id" IN (SELECT i."Id" FROM "Listing" AS i WHERE i."Status" = 'active'::listing_status AND i."RemovedAt" IS NULL AND i."SellerSuspendedAt" IS NULL AND i."CategoryId" = :cat AND i."Price" >= :lo AND i."Price" <= :hi ORDER BY i."CreatedAt" DESC, i."Id" DESC LIMIT 21) ORDER BY l."CreatedAt" DESC, l."Id" DESC;
EOF
words=$(printf "'%s'," "${nouns[@]}" "${adjectives[0]} ${nouns[0]}" "${adjectives[5]} ${nouns[8]}"); words=${words%,}
cat >"$out/text.sql" <<EOF
\set w random(1, 22)
SELECT $columns FROM "Listing" AS l WHERE l."Status" = 'active'::listing_status AND l."RemovedAt" IS NULL AND l."SellerSuspendedAt" IS NULL AND l."SearchVector" @@ websearch_to_tsquery('english', (ARRAY[$words])[:w::int]) ORDER BY l."CreatedAt" DESC, l."Id" DESC LIMIT 21;
EOF
cat >"$out/seller.sql" <<EOF
\set s random(1, $USERS)
SELECT $columns FROM "Listing" AS l WHERE l."Status" = 'active'::listing_status AND l."RemovedAt" IS NULL AND l."SellerSuspendedAt" IS NULL AND l."SellerId" = ('00000000-0000-4000-8000-' || lpad(to_hex(:s::int), 12, '0'))::uuid ORDER BY l."CreatedAt" DESC, l."Id" DESC LIMIT 21;
EOF
cat >"$out/post.sql" <<EOF
\set s random(1, $USERS)
\set p random(100, 90000)
INSERT INTO "Listing" ("AiModel", "AiProcessedAt", "Category", "CategoryId", "CreatedAt", "Description", "IsAiGenerated", "Price", "SellerId", "Status", "Title", "UpdatedAt") VALUES (NULL, NULL, 'furniture'::listing_category, $cat_lo + 1, now(), 'load test listing, good condition, pickup only', FALSE, :p::int / 100.0, ('00000000-0000-4000-8000-' || lpad(to_hex(:s::int), 12, '0'))::uuid, 'active'::listing_status, 'bench lamp', now()) RETURNING "Id", "ImageUrls";
EOF
pgbench_ceiling() {
  local name=$1
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U postgres -n -M extended -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" \
    -f "$out/$name.sql" $db >"$out/pgbench-$name" 2>&1 || { cat "$out/pgbench-$name" >&2; exit 1; }
  ceiling[$name]=$(awk -F'= ' '/^tps/ {printf "%.0f", $2}' "$out/pgbench-$name")
  say "pgbench $name: ${ceiling[$name]} tps (load $(load))"
}
# The reads first: POST's listings are the newest and match none of the search words but "lamp", so after them a
# text search that walks the newest first skips them all (pgbench text fell to 2-4 tps when it ran after POST).
for name in category category-price text seller; do pgbench_ceiling $name; done
run_wrk post $here/post.lua TOKENS_FILE="$out/tokens"
pgbench_ceiling post

# --- plans: no mix may fall back to a sequential scan ----------------------------------------------------------------
plans=$out/plans
: >"$plans"
explain() {
  local name=$1 sql=$2
  echo "$name:" >>"$plans"
  psql_db -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $sql" | grep -E 'Scan|Sort|Limit' | sed 's/^/    /' >>"$plans"
}
explain category "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Status\" = 'active' AND l.\"RemovedAt\" IS NULL AND l.\"SellerSuspendedAt\" IS NULL AND l.\"CategoryId\" = $((cat_lo + 1)) ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"
explain category-price "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Id\" IN (SELECT i.\"Id\" FROM \"Listing\" AS i WHERE i.\"Status\" = 'active' AND i.\"RemovedAt\" IS NULL AND i.\"SellerSuspendedAt\" IS NULL AND i.\"CategoryId\" = $((cat_lo + 1)) AND i.\"Price\" >= 100 AND i.\"Price\" <= 300 ORDER BY i.\"CreatedAt\" DESC, i.\"Id\" DESC LIMIT 21) ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC"
explain text "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Status\" = 'active' AND l.\"RemovedAt\" IS NULL AND l.\"SellerSuspendedAt\" IS NULL AND l.\"SearchVector\" @@ websearch_to_tsquery('english', 'vintage guitar') ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"
explain text-common "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Status\" = 'active' AND l.\"RemovedAt\" IS NULL AND l.\"SellerSuspendedAt\" IS NULL AND l.\"SearchVector\" @@ websearch_to_tsquery('english', 'bike') ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"
explain seller "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Status\" = 'active' AND l.\"RemovedAt\" IS NULL AND l.\"SellerSuspendedAt\" IS NULL AND l.\"SellerId\" = '00000000-0000-4000-8000-000000000001' ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"
explain page-1000 "SELECT $columns FROM \"Listing\" AS l WHERE l.\"Status\" = 'active' AND l.\"RemovedAt\" IS NULL AND l.\"SellerSuspendedAt\" IS NULL AND l.\"CategoryId\" = $((cat_lo + 1)) AND (l.\"CreatedAt\", l.\"Id\") < (now() - interval '300 days', 1) ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" DESC LIMIT 21"

echo
echo "== Api load: $LISTINGS listings, $CONNECTIONS connections, Api pool ${POOL_SIZE/#0/default}, $DURATION per mix after $WARMUP warm-up; $(nproc) cores =="
printf '%-16s %9s %10s %10s %11s %10s %12s  %s\n' mix req/s p50 p99 "Api us/req" "PG us/req" "pgbench tps" "load (1/5/15 min)"
for name in category category-price text seller post page-1 page-1000; do
  printf '%-16s %9s %10s %10s %11s %10s %12s  %s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${cpu[$name]}" \
    "${pgcpu[$name]}" "${ceiling[$name]:--}" "${avg_load[$name]}"
done
echo "page 1,000 / page 1 time per request, three alternating rounds: ${ratios[*]}; median $(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 2p) (target <= 1.20)"
echo
echo "== plan scan nodes (EXPLAIN ANALYZE at $LISTINGS listings) =="
cat "$plans"
grep -q 'Seq Scan' "$plans" && echo "A MIX FELL BACK TO A SEQUENTIAL SCAN" || echo "no sequential scans"
