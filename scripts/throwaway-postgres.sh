# Sourced by the bench scripts: start a throwaway PostgreSQL from the machine's binaries
# on a free loopback port, as the postgres user when run as root (PostgreSQL refuses root); stop_throwaway_postgres
# stops it and deletes its data. Sets PG_HOST, PG_PORT, PG_BIN.
# Skipped when BENCH_POSTGRES (host:port, user postgres, trust or PGPASSWORD) is given.
set -euo pipefail
if [ -n "${BENCH_POSTGRES:-}" ]; then
  PG_HOST=${BENCH_POSTGRES%:*}; PG_PORT=${BENCH_POSTGRES#*:}
  PG_BIN=$(dirname "$(command -v psql)")
else
  # Where initdb really is (a link on PATH may stand alone, without psql beside it).
  PG_BIN=$(command -v initdb >/dev/null 2>&1 && dirname "$(readlink -f "$(command -v initdb)")" || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 2; }
  PG_DIR=$(mktemp -d /tmp/marketplace-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; as_pg=(runuser -u postgres --); fi
  PG_HOST=127.0.0.1
  # A port nothing answers on.
  while :; do PG_PORT=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null || break; done
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${BENCH_PG_SETTINGS:-}" start >/dev/null
  stop_throwaway_postgres() {
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  }
fi
type stop_throwaway_postgres >/dev/null 2>&1 || stop_throwaway_postgres() { :; }
pg_connection() { echo "Host=$PG_HOST;Port=$PG_PORT;Database=$1;Username=postgres"; }
psql_admin() { "$PG_BIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -qAt "$@"; }
