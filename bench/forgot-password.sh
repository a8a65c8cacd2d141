#!/usr/bin/env bash
# Forgot password must not tell which emails have accounts, by its answer or by its time: the median latency of
# POST /api/auth/forgot-password (with --register: POST /api/auth/register, which must not tell either) for emails that
# have an account against emails that do not, REQUESTS of each,
# interleaved, on one keep-alive connection each (bench/forgot-password/measure.py), printing both medians and their
# ratio (target: within 20 %). A throwaway PostgreSQL, migrated by the worker; the Api published in Release and run as
# in production, with the per-email and per-caller limits raised for the run. Everything it started is stopped on exit.
# Usage: bash bench/forgot-password.sh [--register] [--requests 2000] [--warmup 300] [--accounts 100]
# BENCH_POSTGRES=host:port uses an existing server; BENCH_BIN=<dir> reuses a publish (with Api/ and MigrationWorker/).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=2000 WARMUP=300 ACCOUNTS=100 OPERATION=forgot-password
while [ $# -gt 0 ]; do
  case $1 in
    --requests) REQUESTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --register) OPERATION=register; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in psql curl python3; do
  command -v $tool >/dev/null || { echo "$tool not found: apt-get install -y postgresql-client curl python3" >&2; exit 2; }
done

. scripts/throwaway-postgres.sh
out=$(mktemp -d /tmp/marketplace-forgot-password.XXXXXX)
api_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  stop_throwaway_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
free_port() { while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; break; }; done; }
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

port=$(free_port)
base=http://127.0.0.1:$port
# No mail server: the SMTP port is one nothing listens on, so each reset mail's attempt fails at once in the outbox's
# sender (and is retried later). The answer never waits for it either way; what is measured is the request, which
# commits one outbox row for every address.
smtp_port=$(free_port)
ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey=bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz \
  Marketplace__PublicBaseUrl="$base" Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Smtp__Security=None \
  Smtp__FromAddress=bench@bench.example Support__Address=support@bench.example ConnectionStrings__blobs=UseDevelopmentStorage=true Logging__LogLevel__Default=Warning \
  RequestLimits__WritesPerWindow=1000000 Accounts__ForgotPasswordsPerEmail=1000 Accounts__RegistrationsPerEmail=1000 \
  dotnet "$bin/Api/Marketplace.Api.dll" --urls "$base" --contentRoot "$bin/Api" >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 150); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/health" >/dev/null || { cat "$out/api.log" >&2; exit 1; }
say "Api up on $base (pid $api_pid)"

say "registering $ACCOUNTS accounts"
: >"$out/existing"
for i in $(seq "$ACCOUNTS"); do
  email="reader$i@bench.example"
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"bench-password-$i\",\"displayName\":\"Reader $i\"}" "$base/api/auth/register"
  echo "$email" >>"$out/existing"
done
per_email=$(( (WARMUP + REQUESTS) / ACCOUNTS + 1 ))
[ "$per_email" -le 1000 ] || { echo "more than 1,000 requests per account email: raise --accounts" >&2; exit 2; }

say "$OPERATION: $REQUESTS existing and $REQUESTS unknown emails, interleaved, after $WARMUP of each as warm-up (load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/forgot-password/measure.py "$base" "$out/existing" "$REQUESTS" "$WARMUP" "$OPERATION"
say "done (load $(cut -d' ' -f1-3 /proc/loadavg)); outbox rows by state: $(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d $db -qAt -F ' ' -R ', ' \
  -c 'SELECT "State", count(*) FROM "OutboxMail" GROUP BY 1 ORDER BY 1'); reset tokens stored: $(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d $db -qAt -c 'SELECT count(*) FROM "PasswordResetToken"')"
