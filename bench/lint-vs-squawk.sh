#!/usr/bin/env bash
# Our migration lint against squawk (npm squawk-cli) on the same migrations: the 18 of the history and 20 changes made
# after it (16 unsafe, 4 safe; bench/LintVsSquawk/UnsafeChanges.cs). Ours reads each EF Core migration; squawk reads the
# SQL EF Core writes for it (`dotnet ef migrations script <previous> <this>` for the history). Prints one row per
# migration and the recall / false-alarm table; keeps the SQL files and report.md in OUTPUT_DIR.
# Usage: bash bench/lint-vs-squawk.sh [OUTPUT_DIR]   (default: a new folder under /tmp). Needs npm; no database.
set -euo pipefail
cd "$(dirname "$0")/.."
SQUAWK_VERSION=${SQUAWK_VERSION:-2.66.0}
tools=$(mktemp -d /tmp/marketplace-squawk.XXXXXX)
trap 'rm -rf "$tools"' EXIT
out=${1:-$(mktemp -d /tmp/marketplace-lint-vs-squawk.XXXXXX)}
npm install --prefix "$tools" --silent --no-audit --no-fund "squawk-cli@$SQUAWK_VERSION" >/dev/null
echo "squawk $("$tools/node_modules/.bin/squawk" --version | grep -o '[0-9.]*$'); SQL and report in $out"
dotnet run --project bench/LintVsSquawk -c Release -v q -- "$tools/node_modules/.bin/squawk" "$out"
