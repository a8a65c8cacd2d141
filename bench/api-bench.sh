# Sourced by the benches that drive the Release Api (bench/api-load.sh, bench/inbox.sh): a throwaway PostgreSQL sized
# for this box, the Api and the worker published in Release (BENCH_BIN=<dir> reuses a publish with Api/ and
# MigrationWorker/), the worker's migration, the Api run as in production, and wrk runs measured with the Api's and
# PostgreSQL's CPU per request. The caller sets `db` (the database's name) and `out` (a scratch directory it deletes)
# before sourcing, and calls stop_api and stop_throwaway_postgres on exit.
set -euo pipefail

# Sized for this box (2 cores, plenty of memory): the filled tables and their indexes fit in shared_buffers (at
# 1,000,000 listings Listing is 1.8 GB with its indexes, the database 2.5 GB), so the runs measure CPU, not the shared
# disk. fsync off: a throwaway database, and POST numbers should not measure the disk.
export BENCH_PG_SETTINGS="-c shared_buffers=3GB -c effective_cache_size=6GB -c work_mem=16MB -c maintenance_work_mem=512MB \
 -c max_wal_size=4GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off ${BENCH_PG_SETTINGS:-}"
. scripts/throwaway-postgres.sh

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { local p; while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; return; }; done; }
export ConnectionStrings__marketplacedb; ConnectionStrings__marketplacedb=$(pg_connection "$db")
psql_db() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$db" -X -qAt -v ON_ERROR_STOP=1 "$@"; }

bin=${BENCH_BIN:-$out}   # BENCH_BIN: reuse a directory a bench published into before (it must hold Api/ and MigrationWorker/)
# publish_and_migrate: the Release build of the Api and the worker (unless BENCH_BIN), then the worker migrates `db`.
# Extra projects to publish beside them may be named (publish_and_migrate Web).
publish_and_migrate() {
  if [ -z "${BENCH_BIN:-}" ]; then
    say "publishing the Api and the worker${1:+ and $*} (Release)"
    for project in Api MigrationWorker "$@"; do
      dotnet publish "$project" -c Release -o "$bin/$project" -v q -nologo >/dev/null
    done
  fi
  say "migrating"
  dotnet "$bin/MigrationWorker/Marketplace.MigrationWorker.dll" >"$out/worker.log" 2>&1 || { cat "$out/worker.log" >&2; exit 1; }
}

# start_api [NAME=VALUE...]: the Api as in production on a free loopback port (sets base and api_pid), with the settings
# given on top. Access tokens last 2 hours (15 minutes by default; a run can take longer). No mail server: the SMTP port
# is one nothing listens on, so a mail's sending fails at once in the outbox (logged) and nothing waits for it.
api_pid=
launch=()   # what start_api (and a bench's start_web) put before `dotnet`: a tracer, say (dotnet-trace collect … --)
start_api() {
  local port smtp_port
  port=$(free_port); smtp_port=$(free_port)
  base=http://127.0.0.1:$port
  ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey=bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz \
    Marketplace__PublicBaseUrl="$base" Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Smtp__Security=None \
    Smtp__FromAddress=bench@bench.example Support__Address=support@bench.example ConnectionStrings__blobs=UseDevelopmentStorage=true \
    Jwt__Lifetime=02:00:00 env "$@" \
    "${launch[@]}" dotnet "$bin/Api/Marketplace.Api.dll" --urls "$base" --contentRoot "$bin/Api" >"$out/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1500); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.02; done
  curl -fs "$base/health" >/dev/null || { cat "$out/api.log" >&2; exit 1; }
  say "Api up on $base (pid $api_pid)"
}
stop_api() { if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null; api_pid=; fi; return 0; }

# access_token EMAIL PASSWORD: signs in as the Web does and prints the access token.
access_token() {
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$base/api/auth/login" \
    | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$api_pid}/stat"; }
web_pid=   # set by a bench that also runs the Web: run_wrk then measures its CPU per request too (webcpu)
# Every PostgreSQL process's CPU (the server's backends do the queries' work, and the loopback's kernel time is theirs too).
pg_ticks() { for p in $(pgrep -u postgres -x postgres); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }
tck=$(getconf CLK_TCK)
declare -A rps p50 p99 cpu webcpu pgcpu avg_load
# run_wrk NAME LUA [ENV=...]: a warm-up of WARMUP, then the timed run of DURATION with CONNECTIONS connections against
# ${target:-$base} (a bench that drives the Web sets target to it); fills
# rps, p50, p99, cpu (the Api's utime+stime per request, µs), webcpu (the Web's, when web_pid is set), pgcpu
# (PostgreSQL's) and avg_load for NAME.
run_wrk() {
  local name=$1 lua=$2; shift 2
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$lua" "${target:-$base}" >/dev/null
  local before after pg_before pg_after web_before=0 web_after=0
  before=$(cpu_ticks); pg_before=$(pg_ticks); [ -z "$web_pid" ] || web_before=$(cpu_ticks "$web_pid")
  env "$@" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "${target:-$base}" >"$out/wrk-$name"
  after=$(cpu_ticks); pg_after=$(pg_ticks); [ -z "$web_pid" ] || web_after=$(cpu_ticks "$web_pid")
  avg_load[$name]=$(load)
  local requests errors
  requests=$(awk '/requests in/ {print $1}' "$out/wrk-$name")
  errors=$(awk '/Non-2xx/ {print $NF}' "$out/wrk-$name")
  rps[$name]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out/wrk-$name")
  p50[$name]=$(awk '$1 == "50%" {print $2}' "$out/wrk-$name")
  p99[$name]=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name")
  cpu[$name]=$(awk -v t=$((after - before)) -v h="$tck" -v n="$requests" 'BEGIN {printf "%.0f", t / h * 1e6 / n}')
  pgcpu[$name]=$(awk -v t=$((pg_after - pg_before)) -v h="$tck" -v n="$requests" 'BEGIN {printf "%.0f", t / h * 1e6 / n}')
  webcpu[$name]=$(awk -v t=$((web_after - web_before)) -v h="$tck" -v n="$requests" 'BEGIN {printf "%.0f", t / h * 1e6 / n}')
  say "$name: ${rps[$name]} req/s, p50 ${p50[$name]}, p99 ${p99[$name]}, ${cpu[$name]} us Api CPU/request,${web_pid:+ ${webcpu[$name]} us Web CPU/request,} ${pgcpu[$name]} us PostgreSQL CPU/request, load ${avg_load[$name]}${errors:+, NON-2xx: $errors}"
  if [ -n "$errors" ]; then non2xx+="$name ($errors) "; fi
}
non2xx=
