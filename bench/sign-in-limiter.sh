#!/usr/bin/env bash
# What sharing the rate limits through Redis costs the Api: its CPU per sign-in request (process user + system time
# from /proc, divided by the requests) with the shared limiter (ConnectionStrings__cache: RedisRateLimiting's fixed
# window and the per-account sign-in count, each a Lua script in Redis) against the per-process one (no Redis), in two
# cases: sign-ins that pass the limit (the password check runs: PBKDF2 dominates) and sign-ins the limit refuses (429:
# the limiter is nearly all the request does). Redis's own CPU is printed beside. REQUESTS each, after WARMUP, wrong
# passwords for unknown emails over one keep-alive connection (bench/sign-in-limiter/drive.py). A throwaway PostgreSQL
# and redis-server; the Api published in Release and run as in production. Everything it started is stopped on exit.
# Usage: bash bench/sign-in-limiter.sh [--requests 2000] [--warmup 300]
# BENCH_POSTGRES=host:port uses an existing server; BENCH_BIN=<dir> reuses a publish (with Api/ and MigrationWorker/).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=2000 WARMUP=300
while [ $# -gt 0 ]; do
  case $1 in
    --requests) REQUESTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in curl python3 redis-server; do
  command -v $tool >/dev/null || { echo "$tool not found: apt-get install -y curl python3 redis-server" >&2; exit 2; }
done

. scripts/throwaway-postgres.sh
out=$(mktemp -d /tmp/marketplace-sign-in-limiter.XXXXXX)
api_pid= redis_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  stop_throwaway_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
free_port() { while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; break; }; done; }
# user + system CPU of a process so far, in milliseconds.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
db=marketplace_bench
export ConnectionStrings__marketplacedb; ConnectionStrings__marketplacedb=$(pg_connection $db)

bin=${BENCH_BIN:-$out}
if [ -z "${BENCH_BIN:-}" ]; then
  say "publishing the Api and the worker (Release)"
  for project in Api MigrationWorker; do
    dotnet publish "$project" -c Release -o "$bin/$project" -v q -nologo >/dev/null
  done
fi
say "migrating"
dotnet "$bin/MigrationWorker/Marketplace.MigrationWorker.dll" >"$out/worker.log" 2>&1 || { cat "$out/worker.log" >&2; exit 1; }

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --unixsocket "" --dir "$out" >"$out/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done

# One case: the Api with or without Redis and a write budget; prints its CPU per request and Redis's.
run() {
  local limiter=$1 budget=$2 port base cache=()
  port=$(free_port); base=http://127.0.0.1:$port
  [ "$limiter" = shared ] && cache=(ConnectionStrings__cache="127.0.0.1:$redis_port")
  env ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey=bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz \
    Marketplace__PublicBaseUrl="$base" Smtp__Host=127.0.0.1 Smtp__Port=9 Smtp__Security=None Smtp__FromAddress=bench@bench.example \
    ConnectionStrings__blobs=UseDevelopmentStorage=true Logging__LogLevel__Default=Error \
    RequestLimits__WritesPerWindow="$budget" RequestLimits__WriteWindow=01:00:00 "${cache[@]}" \
    dotnet "$bin/Api/Marketplace.Api.dll" --urls "$base" --contentRoot "$bin/Api" >"$out/api-$limiter-$budget.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 150); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "$base/health" >/dev/null || { cat "$out/api-$limiter-$budget.log" >&2; exit 1; }
  python3 bench/sign-in-limiter/drive.py "$base" "$WARMUP" >/dev/null
  local api_before redis_before statuses
  api_before=$(cpu_ms $api_pid); redis_before=$(cpu_ms $redis_pid)
  statuses=$(python3 bench/sign-in-limiter/drive.py "$base" "$REQUESTS")
  awk -v a="$(cpu_ms $api_pid)" -v a0="$api_before" -v r="$(cpu_ms $redis_pid)" -v r0="$redis_before" -v n="$REQUESTS" \
    -v what="$limiter" -v s="$statuses" 'BEGIN { printf "%-12s Api %7.3f ms CPU/request   Redis %6.3f ms CPU/request   answers %s\n", what, (a - a0) / n, (r - r0) / n, s }'
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=
}

say "sign-ins within the budget (the password check runs), $REQUESTS each after $WARMUP warm-up (load $(cut -d' ' -f1-3 /proc/loadavg))"
run per-process 1000000
run shared 1000000
say "sign-ins the limit refuses (429), $REQUESTS each after $WARMUP warm-up (load $(cut -d' ' -f1-3 /proc/loadavg))"
run per-process 1
run shared 1
say "done (load $(cut -d' ' -f1-3 /proc/loadavg))"
