"""Median latency of POST /api/auth/forgot-password (or /api/auth/register) for existing and unknown emails, interleaved,
over one keep-alive connection each (so connecting is not measured). Both answer 202 whether or not the email has an
account, and must take the same time.
Usage: python3 measure.py BASE_URL EXISTING_FILE REQUESTS WARMUP [forgot-password|register]"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse
import uuid

base, existing_file, requests, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
operation = sys.argv[5] if len(sys.argv) > 5 else "forgot-password"
if operation not in ("forgot-password", "register"):
    sys.exit(f"unknown operation {operation}: forgot-password or register")
existing = [line.strip() for line in open(existing_file) if line.strip()]
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port)


def ask(email):
    # Registering sends a password as a person would, so both kinds pay for hashing it (or must seem to).
    body = json.dumps({"email": email} if operation == "forgot-password"
                      else {"email": email, "password": "bench passphrase of a reader", "displayName": "Bench reader"})
    start = time.perf_counter()
    connection.request("POST", f"/api/auth/{operation}", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    if response.status != 202:
        sys.exit(f"{operation} for {email} answered {response.status}")
    return elapsed


times = {"existing": [], "unknown": []}
for i in range(warmup + requests):
    # Interleaved, and which goes first alternates, so a busy moment on the box lands on both.
    pair = [("existing", existing[i % len(existing)]), ("unknown", f"nobody-{uuid.uuid4().hex}@bench.example")]
    for kind, email in (pair if i % 2 == 0 else pair[::-1]):
        elapsed = ask(email)
        if i >= warmup:
            times[kind].append(elapsed)

existing_median = statistics.median(times["existing"]) * 1000
unknown_median = statistics.median(times["unknown"]) * 1000
ratio = existing_median / unknown_median
print(f"requests each:         {requests} (after {warmup} warm-up each)")
print(f"existing email median: {existing_median:.3f} ms (p90 {statistics.quantiles(times['existing'], n=10)[-1] * 1000:.3f} ms)")
print(f"unknown email median:  {unknown_median:.3f} ms (p90 {statistics.quantiles(times['unknown'], n=10)[-1] * 1000:.3f} ms)")
print(f"ratio existing/unknown: {ratio:.3f} (target within 0.80..1.20: {'met' if 0.8 <= ratio <= 1.2 else 'NOT met'})")
