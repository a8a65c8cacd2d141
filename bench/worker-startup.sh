#!/usr/bin/env bash
# Times the migration worker end to end (process start to exit), as the median of RUNS runs each:
#   empty    - a new, empty database: create it, apply every migration, seed, backfill
#   current  - a database that is already current: the no-op run every deployment pays
#   bundle   - EF Core's own migration bundle (dotnet ef migrations bundle) doing its no-op run on the same database
#   baseline - a bare .NET console that opens one connection and runs one query
# Usage: bash bench/worker-startup.sh [RUNS]   (default 9). Publishes the programs in Release first.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-9}
. scripts/throwaway-postgres.sh
trap stop_throwaway_postgres EXIT

# Both programs are published the way the worker ships in a container: Release, ReadyToRun (precompiled, so start-up
# is not spent in the JIT). BENCH_READY_TO_RUN=false measures plain JIT builds instead.
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
out=$(mktemp -d /tmp/marketplace-bench-bin.XXXXXX)
trap 'stop_throwaway_postgres; rm -rf "$out"' EXIT
for project in MigrationWorker bench/BareQuery; do
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun="${BENCH_READY_TO_RUN:-true}" \
    -o "$out/$(basename "$project")" -v q -nologo >/dev/null
done
worker=$out/MigrationWorker/Marketplace.MigrationWorker.dll
bare=$out/BareQuery/Marketplace.Bench.BareQuery.dll
# EF Core's bundle of the same migrations, framework-dependent like the worker; it takes the connection string from the
# design-time factory, which reads ConnectionStrings__marketplacedb.
dotnet tool restore >/dev/null
dotnet ef migrations bundle --project Data --configuration Release --target-runtime "$rid" \
  --output "$out/efbundle" --force >/dev/null
bundle=$out/efbundle

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

export ConnectionStrings__marketplacedb
empty=(); current=(); bundled=(); baseline=()
ConnectionStrings__marketplacedb=$(pg_connection bench_current)
dotnet "$worker" >/dev/null 2>&1   # bring the "current" database up to date and warm the disk cache
for i in $(seq "$RUNS"); do
  ConnectionStrings__marketplacedb=$(pg_connection "bench_empty_$i")
  empty+=("$(ms dotnet "$worker")")
  ConnectionStrings__marketplacedb=$(pg_connection bench_current)
  current+=("$(ms dotnet "$worker")")
  bundled+=("$(ms "$bundle")")
  baseline+=("$(ms dotnet "$bare")")
done
m_empty=$(printf '%s\n' "${empty[@]}" | median)
m_current=$(printf '%s\n' "${current[@]}" | median)
m_bundle=$(printf '%s\n' "${bundled[@]}" | median)
m_base=$(printf '%s\n' "${baseline[@]}" | median)
echo "runs:                         $RUNS"
echo "worker, empty database:       $m_empty ms   (${empty[*]})"
echo "worker, current database:     $m_current ms   (${current[*]})"
echo "EF Core bundle, no-op:        $m_bundle ms   (${bundled[*]})"
echo "bare console, one query:      $m_base ms   (${baseline[*]})"
awk -v c="$m_current" -v b="$m_base" 'BEGIN {printf "no-op worker / bare console:  %.2f (target <= 1.30)\n", c / b}'
awk -v c="$m_current" -v b="$m_bundle" 'BEGIN {printf "no-op worker / EF bundle:     %.2f (target < 0.50)\n", c / b}'
