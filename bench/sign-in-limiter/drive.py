"""Sends REQUESTS wrong sign-ins, each for another unknown email (so no account's delay applies), over one keep-alive
connection, and prints the answers' statuses as JSON. Usage: python3 drive.py BASE_URL REQUESTS"""
import collections
import http.client
import json
import sys
import urllib.parse
import uuid

base, requests = sys.argv[1], int(sys.argv[2])
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port)
statuses = collections.Counter()
for _ in range(requests):
    body = json.dumps({"email": f"nobody-{uuid.uuid4().hex}@bench.example", "password": "a wrong guess"})
    connection.request("POST", "/api/auth/login", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    statuses[response.status] += 1
print(json.dumps(statuses))
