#!/usr/bin/env bash
# Photo uploads end to end: a throwaway PostgreSQL migrated by the worker, Azurite from tools/azurite (in memory), the
# Api published in Release and run as in production; a ~4 MB 4032 x 3024 phone-like JPEG (EXIF orientation and GPS) made
# by image-upload/make-photo.cs. Then ROUNDS bursts of PARALLEL simultaneous uploads (curl), each to its own listing.
# Prints throughput (images/s), latency p50/p95/max, the Api's CPU ms per image (utime+stime from /proc) and the Api's
# peak RSS (VmHWM) after the bursts, against the RSS before the first. Everything it started is stopped on exit.
# Usage: bash bench/image-upload.sh [--parallel 16] [--rounds 4]
set -euo pipefail
cd "$(dirname "$0")/.."
PARALLEL=16 ROUNDS=4
while [ $# -gt 0 ]; do
  case $1 in
    --parallel) PARALLEL=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in psql curl node; do command -v $tool >/dev/null || { echo "$tool not found" >&2; exit 2; }; done
[ -f tools/azurite/node_modules/azurite/dist/src/blob/main.js ] || npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error

export BENCH_PG_SETTINGS="-c fsync=off -c synchronous_commit=off ${BENCH_PG_SETTINGS:-}"
. scripts/throwaway-postgres.sh
out=$(mktemp -d /tmp/marketplace-image-upload.XXXXXX)
api_pid= azurite_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  stop_throwaway_postgres
  rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
db=marketplace_images
export ConnectionStrings__marketplacedb; ConnectionStrings__marketplacedb=$(pg_connection $db)
psql_db() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d $db -qAt -v ON_ERROR_STOP=1 "$@"; }

say "making the photo"
(cd bench/image-upload && dotnet run make-photo.cs -- "$out/photo.jpg" >&2)
bin=${BENCH_BIN:-$out}   # BENCH_BIN: a directory holding Api/ and MigrationWorker/ published before
if [ -z "${BENCH_BIN:-}" ]; then
  say "publishing the Api and the worker (Release)"
  for project in Api MigrationWorker; do dotnet publish "$project" -c Release -o "$bin/$project" -v q -nologo >/dev/null; done
fi
dotnet "$bin/MigrationWorker/Marketplace.MigrationWorker.dll" >"$out/worker.log" 2>&1 || { cat "$out/worker.log" >&2; exit 1; }

node tools/azurite/node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort 0 --inMemoryPersistence \
  --skipApiVersionCheck --loose --disableProductStyleUrl --disableTelemetry --silent >"$out/azurite.log" 2>&1 &
azurite_pid=$!
for _ in $(seq 100); do grep -q 'listens on' "$out/azurite.log" && break; sleep 0.1; done
blob_port=$(grep -o 'listens on http://127.0.0.1:[0-9]*' "$out/azurite.log" | grep -o '[0-9]*$')
key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==

port=$(while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; break; }; done)
base=http://127.0.0.1:$port
ASPNETCORE_ENVIRONMENT=Production Jwt__SigningKey=bench-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz \
  Marketplace__PublicBaseUrl="$base" Smtp__Host=127.0.0.1 Smtp__Port=9 Smtp__Security=None Smtp__FromAddress=bench@bench.example Support__Address=support@bench.example \
  ConnectionStrings__blobs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;" \
  RequestLimits__WritesPerWindow=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$bin/Api/Marketplace.Api.dll" --urls "$base" --contentRoot "$bin/Api" >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 150); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/health" >/dev/null || { cat "$out/api.log" >&2; exit 1; }

body='{"email":"seller@bench.example","password":"bench-password-1","displayName":"Seller"}'
curl -fs -o /dev/null -H 'Content-Type: application/json' -d "$body" "$base/api/auth/register"
psql_db -c "UPDATE \"User\" SET \"EmailVerifiedAt\" = now()" >/dev/null
token=$(curl -fs -H 'Content-Type: application/json' -d "$body" "$base/api/auth/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
total=$((PARALLEL * ROUNDS))
: >"$out/listings"
for i in $(seq $((total + 1))); do
  curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"title":"Bench photo","description":"d","price":"1.00","categorySlug":"electronics"}' "$base/api/listings" \
    | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 >>"$out/listings"
done
upload() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -F "files=@$out/photo.jpg;type=image/jpeg" "$base/api/listings/$1/images"; }
export -f upload; export out token base
say "warm-up upload"; upload "$(tail -1 "$out/listings")" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$api_pid/stat"; }
rss() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$api_pid/status"; }
rss_before=$(rss VmRSS) cpu_before=$(cpu) started=$(date +%s.%N)
head -n $total "$out/listings" | xargs -P "$PARALLEL" -I{} bash -c 'upload {}' >"$out/results"
elapsed=$(echo "$(date +%s.%N) - $started" | bc -l)
cpu_after=$(cpu) peak=$(rss VmHWM)
ticks=$(getconf CLK_TCK)
ok=$(grep -c '^201 ' "$out/results" || true)
say "statuses: $(cut -d' ' -f1 "$out/results" | sort | uniq -c | tr '\n' ' ')"
if [ "$ok" = 0 ]; then
  curl -s -H "Authorization: Bearer $token" -F "files=@$out/photo.jpg;type=image/jpeg" "$base/api/listings/$(head -1 "$out/listings")/images" >&2
  tail -20 "$out/api.log" >&2
fi
sort -k2 -n "$out/results" | awk -v n="$ok" -v total="$total" -v elapsed="$elapsed" -v cpu=$(( cpu_after - cpu_before )) -v ticks="$ticks" \
  -v before="$rss_before" -v peak="$peak" -v bytes="$(stat -c %s "$out/photo.jpg")" -v parallel="$PARALLEL" '
  { t[NR] = $2 }
  END {
    printf "photo: %.1f MB 4032x3024 JPEG; %d uploads, %d at a time; %d answered 201\n", bytes / 1048576, total, parallel, n
    printf "throughput: %.2f images/s (%.1f MB/s in)\n", total / elapsed, total * bytes / 1048576 / elapsed
    printf "latency: p50 %.2f s, p95 %.2f s, max %.2f s\n", t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR]
    printf "Api CPU per image: %.0f ms (user+system)\n", cpu * 1000 / ticks / total
    printf "Api RSS: %.0f MB before the bursts, peak (VmHWM) %.0f MB\n", before / 1024, peak / 1024
  }'
