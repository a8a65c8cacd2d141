"""Builds Contracts/Accounts/common-passwords.bin, the set of common passwords the Api, the Web and the worker refuse,
from a list of passwords, most common first (one a line). Keeps the first SIZE distinct ones that a person could choose
here (8 to 128 characters, ASCII letters compared without case) and writes, sorted, the first 5 bytes of the SHA-256
of each (its UTF-8 with ASCII letters lowercased): 5 bytes a password, and no password in the repository.
The C# side (Contracts/Accounts/CommonPasswords.cs) computes the same key. See README.md beside this file.
Usage: python3 build.py LIST OUTPUT [SIZE]"""
import hashlib
import sys

KEY_BYTES = 5
MIN_LENGTH, MAX_LENGTH = 8, 128


def normalized(password):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in password)


source, output = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
seen, keys = set(), set()
with open(source, encoding="utf-8", errors="strict") as lines:
    for line in lines:
        password = normalized(line.rstrip("\r\n"))
        # Lengths as .NET counts them (UTF-16 code units), which is what the Api's length rule reads.
        length = len(password.encode("utf-16-le")) // 2
        if not MIN_LENGTH <= length <= MAX_LENGTH or password in seen:
            continue
        seen.add(password)
        keys.add(hashlib.sha256(password.encode("utf-8")).digest()[:KEY_BYTES])
        if len(seen) == size:
            break

if len(seen) < size:
    sys.exit(f"only {len(seen)} passwords of {MIN_LENGTH} to {MAX_LENGTH} characters in {source}; asked for {size}")
with open(output, "wb") as out:
    for key in sorted(keys):
        out.write(key)
print(f"{len(seen)} passwords, {len(keys)} keys ({len(seen) - len(keys)} collisions), {len(keys) * KEY_BYTES} bytes -> {output}")
