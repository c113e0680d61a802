# Mistake: a name set twice is not an error: the second value quietly replaces the first.
import re
import sys

if len(sys.argv) != 2:
    print("usage: solution.py FILE", file=sys.stderr)
    sys.exit(2)
path = sys.argv[1]
try:
    with open(path, encoding="utf-8") as file:
        lines = file.read().splitlines()
except FileNotFoundError:
    print(f"error: {path}: no such file", file=sys.stderr)
    sys.exit(1)

settings = {}
for number, line in enumerate(lines, start=1):
    if not line.strip() or line.strip().startswith("#"):
        continue
    name, equals, value = line.partition("=")
    name, value = name.strip(), value.strip()
    if not equals:
        print(f"error: {path}:{number}: expected NAME=value", file=sys.stderr)
        sys.exit(1)
    if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
        print(f"error: {path}:{number}: {name!r} is not a valid name", file=sys.stderr)
        sys.exit(1)
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    settings[name] = value

for name in sorted(settings):
    print(f"{name}={settings[name]}")
