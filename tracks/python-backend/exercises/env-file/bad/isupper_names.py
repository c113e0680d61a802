# Mistake: checks names with str.isupper() and str.isalnum(), which also accept letters
# outside A to Z, so "CAFÉ" passes as a name.
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


def valid_name(name):
    plain = name.replace("_", "")
    return name != "" and not name[0].isdigit() and (plain == "" or plain.isalnum()) and name == name.upper()


settings = {}
lines_set = {}
for number, line in enumerate(lines, start=1):
    if not line.strip() or line.strip().startswith("#"):
        continue
    name, equals, value = line.partition("=")
    name, value = name.strip(), value.strip()
    if not equals:
        print(f"error: {path}:{number}: expected NAME=value", file=sys.stderr)
        sys.exit(1)
    if not valid_name(name):
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
