# Mistake: splits the line on every "=", so a value that contains "=" loses everything
# after its own "=" ("QUERY=a=1&b=2" becomes "QUERY=a").
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
lines_set = {}
for number, line in enumerate(lines, start=1):
    if not line.strip() or line.strip().startswith("#"):
        continue
    if "=" not in line:
        print(f"error: {path}:{number}: expected NAME=value", file=sys.stderr)
        sys.exit(1)
    parts = line.split("=")
    name, value = parts[0].strip(), parts[1].strip()
    if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
        print(f"error: {path}:{number}: {name!r} is not a valid name", file=sys.stderr)
        sys.exit(1)
    if name in settings:
        print(f"error: {path}:{number}: {name} is already set on line {lines_set[name]}", file=sys.stderr)
        sys.exit(1)
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    settings[name] = value
    lines_set[name] = number

for name in sorted(settings):
    print(f"{name}={settings[name]}")
