#!/usr/bin/env bash
# The Web's pages under load, next to the Api answers they are made of, on the same data and box: a throwaway
# PostgreSQL filled by bench/data/fill.sh (LISTINGS listings), the Api and the Web published in Release and run as in
# production (the Web's Data Protection keys in Azurite, its calls to the Api over loopback), then wrk on each mix after
# a warm-up. Prints requests/s, p50, p99, and the Api's, the Web's and PostgreSQL's CPU per request for:
#   api-search   GET /api/listings?limit=24&categorySlug=…   (the filtered first page, as the search page asks for it)
#   web-search   GET /search?category=…             (that page of 24 cards, rendered)
#   api-listing  GET /api/listings/{id}             (one listing)
#   web-listing  GET /listings/{id}                 (its page: the listing with its seller, and its category, rendered)
# and the cold start of each: from the process's start to the port accepting a connection and to /health answering
# 200, the median of STARTS starts. Everything it started is stopped on exit, Ctrl+C included.
# Usage: bash bench/web-pages.sh [--listings 1000000] [--duration 20s] [--connections 32] [--warmup 5s]
#                               [--jit-warmup 30s] [--starts 5] [--pool-size 8] [--trace 12] [--trace-start]
# --trace SECONDS: then traces the Web for that long under the search page's load (dotnet-trace's sampled thread
# time; dotnet tool install -g dotnet-trace) and prints its busiest frames, inclusive and exclusive.
# --trace-start: after the cold starts, one more start of the Api and of the Web, each launched by dotnet-trace (so
# the trace begins with the process) and traced for 6 s, then where each start's time went (bench/startup-trace.py;
# python3).
# Needs wrk, psql, curl, node (apt-get install -y wrk postgresql-client curl nodejs npm; npm ci --prefix tools/azurite).
# BENCH_POSTGRES=host:port uses an existing server; a database there that already holds LISTINGS listings is not
# filled again. BENCH_BIN=<dir> reuses a publish (with Api/, MigrationWorker/ and Web/).
# Exit codes: 0 measured; 2 usage (an unknown option, a tool missing); 1 anything else (the log says what).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTINGS=1000000 DURATION=20s CONNECTIONS=32 WARMUP=5s JIT_WARMUP=30s STARTS=5 POOL_SIZE=8 TRACE= TRACE_START=
usage() { echo "$1 (see --help)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --listings) LISTINGS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --jit-warmup) JIT_WARMUP=$2; shift 2 ;;
    --starts) STARTS=$2; shift 2 ;;
    --pool-size) POOL_SIZE=$2; shift 2 ;;
    --trace) TRACE=$2; shift 2 ;;
    --trace-start) TRACE_START=1; shift ;;
    -h|--help) sed -n 2,21p "$0"; exit 0 ;;
    *) usage "unknown argument $1" ;;
  esac
done
[[ $LISTINGS =~ ^[1-9][0-9]*$ && $STARTS =~ ^[1-9][0-9]*$ ]] || usage "--listings and --starts take a positive whole number"
[[ -z $TRACE || $TRACE =~ ^[1-9][0-9]*$ ]] || usage "--trace takes a positive whole number of seconds"
PATH=$PATH:$HOME/.dotnet/tools
[ -z "$TRACE$TRACE_START" ] || command -v dotnet-trace >/dev/null || usage "dotnet-trace not found: dotnet tool install -g dotnet-trace"
for tool in wrk psql curl node $( [ -z "$TRACE_START" ] || echo python3 ); do
  command -v $tool >/dev/null || usage "$tool not found: apt-get install -y wrk postgresql-client curl nodejs npm"
done
azurite_main=tools/azurite/node_modules/azurite/dist/src/blob/main.js
[ -f "$azurite_main" ] || usage "Azurite is not installed: npm ci --prefix tools/azurite"
here=bench/api-load

out=$(mktemp -d /tmp/marketplace-web-pages.XXXXXX)
db=marketplace_bench
trap 'rm -rf "$out"' EXIT   # until the cleanup below: the server may fail to start
. bench/api-bench.sh
azurite_pid=
stop_web() { if [ -n "$web_pid" ]; then kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null; web_pid=; fi; return 0; }
cleanup() {
  stop_web
  stop_api
  [ -z "$azurite_pid" ] || kill "$azurite_pid" 2>/dev/null || true
  stop_throwaway_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

publish_and_migrate Web
have=$(psql_db -c 'SELECT count(*) FROM "Listing"')
if [ "$have" -ge "$LISTINGS" ]; then
  say "$db already holds $have listings: not filled again"
else
  say "filling: $LISTINGS listings"
  BENCH_POSTGRES="$PG_HOST:$PG_PORT" bash bench/data/fill.sh --database $db --listings "$LISTINGS" \
    --conversations $(( LISTINGS / 10 )) --messages "$LISTINGS" --no-summary >&2
fi

# Azurite holds the Web's Data Protection keys (required outside Development), in memory.
blob_port=$(free_port)
node "$azurite_main" --blobHost 127.0.0.1 --blobPort "$blob_port" --inMemoryPersistence --skipApiVersionCheck --loose \
  --disableProductStyleUrl --disableTelemetry --silent >"$out/azurite.log" 2>&1 &
azurite_pid=$!
blobs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"
forwarding_key=bench-visitor-forwarding-key-0123456789abcdef
pool_setting=(); [ "$POOL_SIZE" != 0 ] && pool_setting=(Database__MaxPoolSize="$POOL_SIZE")

# ms_since START_NS: milliseconds from START_NS (date +%s%N) to now.
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# wait_up URL PID: prints "LISTEN_MS HEALTH_MS", measured from `launched`: the port accepting a connection, then /health 200.
wait_up() {
  local url=$1 pid=$2 hostport listen=
  hostport=${url#http://}
  for _ in $(seq 3000); do
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -z "$listen" ] && (exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}") 2>/dev/null; then listen=$(ms_since "$launched"); fi
    if [ -n "$listen" ] && curl -fs -o /dev/null "$url/health"; then echo "$listen $(ms_since "$launched")"; return 0; fi
    sleep 0.01
  done
  return 1
}
web=
start_web() {
  local port; port=$(free_port); web=http://127.0.0.1:$port
  launched=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Production MarketplaceApi__BaseAddress="$base" ConnectionStrings__blobs="$blobs" \
    VisitorForwarding__Key="$forwarding_key" \
    "${launch[@]}" dotnet "$bin/Web/Marketplace.Web.dll" --urls "$web" --contentRoot "$bin/Web" >"$out/web.log" 2>&1 &
  web_pid=$!
  web_up=$(wait_up "$web" "$web_pid") || { cat "$out/web.log" >&2; exit 1; }
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# --- cold start: the Api (it checks the schema at its first /health), then the Web (after the Api is up) -----------
say "cold start, $STARTS times each"
: >"$out/api-starts"; : >"$out/web-starts"
for _ in $(seq "$STARTS"); do
  launched=$(date +%s%N)
  start_api VisitorForwarding__Key="$forwarding_key" "${pool_setting[@]}"
  echo "$(ms_since "$launched")" >>"$out/api-starts"
  stop_api
done
for _ in $(seq "$STARTS"); do
  [ -n "$api_pid" ] || start_api VisitorForwarding__Key="$forwarding_key" "${pool_setting[@]}"
  start_web
  echo "$web_up" >>"$out/web-starts"
  stop_web
done
api_start=$(median <"$out/api-starts")
web_listen=$(cut -d' ' -f1 "$out/web-starts" | median); web_health=$(cut -d' ' -f2 "$out/web-starts" | median)
say "cold start (median of $STARTS): Api to a healthy /health ${api_start} ms; Web listening ${web_listen} ms, healthy ${web_health} ms"

# --trace-start: NAME START: one start of the Api or the Web under dotnet-trace, which launches it and ends after 6 s
# (stopping what it launched); then where the start's time went until it was healthy (bench/startup-trace.py).
trace_start() {
  local name=$1 start=$2 trace="$out/$1-start" pid healthy
  launch=(dotnet-trace collect --profile dotnet-sampled-thread-time --duration 00:00:00:06 -o "$trace.nettrace" --)
  launched=$(date +%s%N)
  $start >/dev/null
  healthy=$(ms_since "$launched")
  launch=()
  if [ "$name" = Api ]; then pid=$api_pid; api_pid=; else pid=$web_pid; web_pid=; fi
  wait "$pid" 2>/dev/null || true
  dotnet-trace convert "$trace.nettrace" --format Speedscope -o "$trace" >/dev/null
  echo
  echo "The $name's start, traced (healthy after $healthy ms, slower than untraced):"
  python3 bench/startup-trace.py "$trace.speedscope.json" --until "$healthy" --depth 12 --min-percent 5
}
if [ -n "$TRACE_START" ]; then
  stop_web; stop_api
  trace_start Api "start_api VisitorForwarding__Key=$forwarding_key ${pool_setting[*]}"
  start_api VisitorForwarding__Key="$forwarding_key" "${pool_setting[@]}"
  trace_start Web start_web
fi

# --- the mixes -------------------------------------------------------------------------------------------------------
[ -n "$api_pid" ] || start_api VisitorForwarding__Key="$forwarding_key" "${pool_setting[@]}"
start_web
slugs=(electronics furniture clothing vehicles home-and-garden sports books-and-media toys collectibles other)
RANDOM=11
for _ in $(seq 2000); do echo "${slugs[RANDOM % 10]}"; done >"$out/slugs"
# The Api's search as the search page asks for it: a page of as many listings as the page shows.
page_size=$(sed -n 's/.*const int SearchPageSize = \([0-9]*\);.*/\1/p' Web/Api/MarketplaceApiClient.Listings.cs)
[ -n "$page_size" ] || { echo "SearchPageSize not found in Web/Api/MarketplaceApiClient.Listings.cs" >&2; exit 1; }
sed "s|^|/api/listings?limit=$page_size\&categorySlug=|" "$out/slugs" >"$out/api-search"
sed 's|^|/search?category=|' "$out/slugs" >"$out/web-search"
psql_db -c "SELECT \"Id\" FROM \"Listing\" TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE \"Status\" = 'active' AND \"RemovedAt\" IS NULL AND \"SellerSuspendedAt\" IS NULL LIMIT 2000" >"$out/ids"
sed 's|^|/api/listings/|' "$out/ids" >"$out/api-listing"
sed 's|^|/listings/|' "$out/ids" >"$out/web-listing"
# wrk counts only 4xx and 5xx as errors: every mix's first path must answer 200 itself, not a redirect.
# The Web sits behind a TLS-terminating ingress in production, which says so in X-Forwarded-Proto.
fetch() { curl -s -H 'X-Forwarded-Proto: https' -o "$2" -w '%{http_code}' "$1"; }
for mix in api-search web-search api-listing web-listing; do
  url="$( [[ $mix == web-* ]] && echo "$web" || echo "$base")$(head -n 1 "$out/$mix")"
  status=$(fetch "$url" "$out/$mix.body")
  [ "$status" = 200 ] || { echo "$mix: $url answered $status, not 200" >&2; exit 1; }
done

say "JIT warm-up: $JIT_WARMUP of the Web's search and listing pages (which call the Api's), then of the Api's alone"
cat "$out/web-search" "$out/web-listing" >"$out/web-all"
FORWARDED_PROTO=https PATHS_FILE="$out/web-all" wrk -t2 -c"$CONNECTIONS" -d"$JIT_WARMUP" -s $here/paths.lua "$web" >/dev/null
cat "$out/api-search" "$out/api-listing" >"$out/api-all"
PATHS_FILE="$out/api-all" wrk -t2 -c"$CONNECTIONS" -d"$JIT_WARMUP" -s $here/paths.lua "$base" >/dev/null
say "mixes: $CONNECTIONS connections, $WARMUP warm-up + $DURATION each"
declare -a search_ratio listing_ratio
for round in 1 2; do
  target=$base run_wrk api-search $here/paths.lua PATHS_FILE="$out/api-search"
  target=$web run_wrk web-search $here/paths.lua PATHS_FILE="$out/web-search" FORWARDED_PROTO=https
  target=$base run_wrk api-listing $here/paths.lua PATHS_FILE="$out/api-listing"
  target=$web run_wrk web-listing $here/paths.lua PATHS_FILE="$out/web-listing" FORWARDED_PROTO=https
  search_ratio[$round]=$(awk -v w="${rps[web-search]}" -v a="${rps[api-search]}" 'BEGIN {printf "%.2f", w / a}')
  listing_ratio[$round]=$(awk -v w="${rps[web-listing]}" -v a="${rps[api-listing]}" 'BEGIN {printf "%.2f", w / a}')
done

echo
echo "## Web pages, $(date -u +%F), $LISTINGS listings, $CONNECTIONS connections, Api pool $POOL_SIZE, $WARMUP warm-up + $DURATION per mix (second of two rounds)"
echo
echo "| mix | req/s | p50 | p99 | Api µs/req | Web µs/req | PG µs/req | load |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for mix in api-search web-search api-listing web-listing; do
  echo "| $mix | ${rps[$mix]} | ${p50[$mix]} | ${p99[$mix]} | ${cpu[$mix]} | ${webcpu[$mix]} | ${pgcpu[$mix]} | ${avg_load[$mix]} |"
done
echo
echo "Web / Api throughput: search ${search_ratio[1]}, ${search_ratio[2]}; listing ${listing_ratio[1]}, ${listing_ratio[2]} (rounds 1, 2; target ≥ 0.5)."
echo "Sizes: the search page $(wc -c <"$out/web-search.body") bytes of HTML, its Api answer $(wc -c <"$out/api-search.body") of JSON; the listing page $(wc -c <"$out/web-listing.body"), its Api answer $(wc -c <"$out/api-listing.body")."
echo "Cold start (median of $STARTS): the Api to a healthy /health ${api_start} ms; the Web to listening ${web_listen} ms, to a healthy /health ${web_health} ms."
[ -z "$non2xx" ] || { echo "NON-2xx answers: $non2xx" >&2; exit 1; }
[ -n "$TRACE" ] || exit 0

say "tracing the Web for ${TRACE}s under the search page's load"
FORWARDED_PROTO=https PATHS_FILE="$out/web-search" wrk -t2 -c"$CONNECTIONS" -d"$(( TRACE + 8 ))s" -s $here/paths.lua "$web" >/dev/null &
load_pid=$!
sleep 3
dotnet-trace collect -p "$web_pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$TRACE")" \
  -o "$out/web.nettrace" >"$out/trace.log" 2>&1 || { cat "$out/trace.log" >&2; exit 1; }
wait "$load_pid"
for kind in --inclusive ""; do
  echo
  echo "The Web's busiest frames under the search page's load (${kind:-exclusive}, sampled thread time):"
  dotnet-trace report "$out/web.nettrace" topN -n 40 $kind
done
