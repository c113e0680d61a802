import re
import sys

NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


def fail(message, code=1):
    print(message, file=sys.stderr)
    sys.exit(code)


def parse_value(text):
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def read_settings(path, lines):
    """Return {name: value}; exit at the first line that breaks the rules."""
    settings = {}
    set_on = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        name = name.strip()
        if not equals:
            fail(f"error: {path}:{number}: expected NAME=value")
        if not NAME.fullmatch(name):
            fail(f"error: {path}:{number}: {name!r} is not a valid name")
        if name in settings:
            fail(f"error: {path}:{number}: {name} is already set on line {set_on[name]}")
        settings[name] = parse_value(value)
        set_on[name] = number
    return settings


def main(args):
    if len(args) != 1:
        fail("usage: solution.py FILE", code=2)
    path = args[0]
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except FileNotFoundError:
        fail(f"error: {path}: no such file")
    # Every line is checked before anything is printed: a bad file gets no half output.
    settings = read_settings(path, lines)
    for name in sorted(settings):
        print(f"{name}={settings[name]}")


main(sys.argv[1:])
