#!/usr/bin/env bash
# No input reaches a 500: requests generated from the Api's OpenAPI document (every operation, anonymous and signed in,
# plausible and hostile values) against the real Api process on a migrated database, rate limits raised for the run.
# It is the test OpenApiFuzzTests (10,000 requests in every 'dotnet test'), run here with a count and a seed of your
# choosing; it fails on any 5xx, any request unanswered within 30 s, any 4xx that is not a problem document, and any
# status the document does not list for the operation. Prints the seed (to replay a run), the statuses per operation,
# and the slowest answer.
# Usage: bash bench/api-fuzz.sh [--requests 10000] [--seed <int>]
# PostgreSQL as for the tests: MARKETPLACE_TEST_POSTGRES, a Docker engine, or the machine's server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=10000 SEED=
while [ $# -gt 0 ]; do
  case $1 in
    --requests) REQUESTS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
export MARKETPLACE_FUZZ_REQUESTS=$REQUESTS
[ -n "$SEED" ] && export MARKETPLACE_FUZZ_SEED=$SEED
log=$(mktemp /tmp/marketplace-api-fuzz.XXXXXX)
trap 'rm -f "$log"' EXIT
status=0
dotnet test tests/Marketplace.Tests -c Release --filter "FullyQualifiedName~OpenApiFuzzTests" \
  --logger "console;verbosity=detailed" --results-directory /tmp/marketplace-api-fuzz-results >"$log" 2>&1 || status=$?
# The run's summary (the seed, statuses per operation, the slowest answer) and, on failure, what broke the contract.
summary=$(sed -n '/Standard Output Messages:/,/^\s*$/p; /broke the contract/,/Stack Trace/p' "$log" | grep -v -e 'Stack Trace' -e 'Standard Output' | awk '!seen[$0]++' || true)
if [ -n "$summary" ]; then echo "$summary"; else tail -n 40 "$log"; fi
grep -E '^\s*(Passed|Failed|Total tests):' "$log" || true
exit $status
