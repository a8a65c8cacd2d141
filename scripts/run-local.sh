#!/usr/bin/env bash
# Marketplace's topology without Docker or Aspire: PostgreSQL, then the migration worker to completion, then the
# Api, as the AppHost orders them. Ctrl+C stops everything this script started.
#
#   bash scripts/run-local.sh [--connection-string "<Npgsql connection string>"] [--port N] [--configuration Debug|Release]
#
# Without --connection-string it starts a throwaway PostgreSQL from the machine's server binaries (deleted on exit).
set -euo pipefail
cd "$(dirname "$0")/.."

connection=""; port=""; configuration=Release
while [ $# -gt 0 ]; do
  case "$1" in
    --connection-string) connection=${2:?--connection-string needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --configuration|-c) configuration=${2:?--configuration needs a value}; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown argument '$1'. Run with --help for the options." >&2; exit 2 ;;
  esac
done

api_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  stop_throwaway_postgres
  echo "Stopped."
}
stop_throwaway_postgres() { :; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$connection" ]; then
  echo "Starting a throwaway PostgreSQL..."
  . scripts/throwaway-postgres.sh
  connection=$(pg_connection marketplacedb)
  echo "PostgreSQL on $PG_HOST:$PG_PORT (data deleted on exit)"
fi
if [ -z "$port" ]; then
  port=5080
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
fi

echo "Building ($configuration)..."
dotnet build MigrationWorker -c "$configuration" -v q -nologo >/dev/null
dotnet build Api -c "$configuration" -v q -nologo >/dev/null

export ConnectionStrings__marketplacedb="$connection"
echo "Running the migration worker..."
if ! dotnet "MigrationWorker/bin/$configuration/net10.0/Marketplace.MigrationWorker.dll"; then
  echo "The migration worker failed; the Api was not started." >&2
  exit 1
fi

url="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} \
  dotnet "Api/bin/$configuration/net10.0/Marketplace.Api.dll" --urls "$url" --contentRoot "$PWD/Api/bin/$configuration/net10.0" &
api_pid=$!
for _ in $(seq 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$api_pid" 2>/dev/null || { echo "The Api exited during start-up." >&2; exit 1; }
  sleep 0.5
done
echo "Marketplace Api: $url  (health: $url/health, OpenAPI: $url/openapi/v1.json, Scalar: $url/scalar). Press Ctrl+C to stop."
wait "$api_pid"
