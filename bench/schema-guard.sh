#!/usr/bin/env bash
# The schema guard's cost, as medians of RUNS runs:
#   in one process (bench/SchemaGuard): the drift check on the full schema, the full verification, the fingerprint
#   the worker, end to end, on a database that is already current:
#     stamped   - the no-op run of a build that has verified this database before (every deployment but the first)
#     unstamped - the no-op run of a build that has not (stamps deleted first): the full verification runs
#     bare      - a bare .NET console that opens one connection and runs one query (the yardstick)
# Usage: bash bench/schema-guard.sh [RUNS]   (default 9). Publishes in Release, ReadyToRun, as the worker ships.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-9}
. scripts/throwaway-postgres.sh
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
out=$(mktemp -d /tmp/marketplace-bench-bin.XXXXXX)
trap 'stop_throwaway_postgres; rm -rf "$out"' EXIT
for project in MigrationWorker bench/BareQuery bench/SchemaGuard; do
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun="${BENCH_READY_TO_RUN:-true}" \
    -o "$out/$(basename "$project")" -v q -nologo >/dev/null
done
worker=$out/MigrationWorker/Marketplace.MigrationWorker.dll

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Runs a command, prints "<wall ms> <stderr>" so the caller can pick log lines out of the worker's output.
timed() { local s e err; s=$(date +%s%N); err=$("$@" 2>&1 >/dev/null) || { echo "failed: $*: $err" >&2; exit 1; }; e=$(date +%s%N); echo "$(( (e - s) / 1000000 )) $err"; }

export ConnectionStrings__marketplacedb
ConnectionStrings__marketplacedb=$(pg_connection bench_guard)
dotnet "$worker" >/dev/null 2>&1   # create and migrate; the run ends by stamping the verified database

echo "== in one process, against the migrated database"
dotnet "$out/SchemaGuard/Marketplace.Bench.SchemaGuard.dll" "$RUNS"

stamped=(); stamped_step=(); unstamped=(); unstamped_step=(); bare=()
for i in $(seq "$RUNS"); do
  r=$(timed dotnet "$worker"); stamped+=("${r%% *}")
  stamped_step+=("$(grep -o 'checked in [0-9]* ms without building the model' <<<"$r" | grep -o '[0-9]*')")
  "$PG_BIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U postgres -d bench_guard -qc 'DELETE FROM "__MarketplaceSchemaVerifications"'
  r=$(timed dotnet "$worker"); unstamped+=("${r%% *}")
  unstamped_step+=("$(grep -o 'verify [0-9]* ms' <<<"$r" | grep -o '[0-9]*')")
  r=$(timed dotnet "$out/BareQuery/Marketplace.Bench.BareQuery.dll"); bare+=("${r%% *}")
done
m_stamped=$(printf '%s\n' "${stamped[@]}" | median); m_stamped_step=$(printf '%s\n' "${stamped_step[@]}" | median)
m_unstamped=$(printf '%s\n' "${unstamped[@]}" | median); m_unstamped_step=$(printf '%s\n' "${unstamped_step[@]}" | median)
m_bare=$(printf '%s\n' "${bare[@]}" | median)
echo "== the worker on a current database, process start to exit, median of $RUNS"
echo "no-op run, stamped (this build verified it before): $m_stamped ms   guard step $m_stamped_step ms   (${stamped[*]})"
echo "no-op run, unstamped (full verification):           $m_unstamped ms   verify step $m_unstamped_step ms   (${unstamped[*]})"
echo "bare console, one query:                            $m_bare ms   (${bare[*]})"
awk -v c="$m_stamped" -v s="$m_stamped_step" -v b="$m_bare" \
  'BEGIN {printf "stamped no-op / bare console: %.2f (target <= 1.30); without the guard step it would be %.2f\n", c / b, (c - s) / b}'
