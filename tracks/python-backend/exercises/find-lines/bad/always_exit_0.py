# Mistake: exits with code 0 when nothing was found; a script cannot tell "no match"
# from "found something".
import sys

USAGE = "usage: solution.py [-i] [-n] PATTERN [FILE ...]"

args = sys.argv[1:]
ignore_case = numbered = False
while args and args[0].startswith("-"):
    if args[0] == "-i":
        ignore_case = True
    elif args[0] == "-n":
        numbered = True
    else:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    args = args[1:]
if not args:
    print(USAGE, file=sys.stderr)
    sys.exit(2)
pattern, files = args[0], args[1:]


def search(lines, name):
    found = False
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if ignore_case:
            hit = pattern.lower() in line.lower()
        else:
            hit = pattern in line
        if hit:
            prefix = ""
            if len(files) > 1:
                prefix += name + ":"
            if numbered:
                prefix += str(number) + ":"
            print(prefix + line)
            found = True
    return found


found = False
missing = False
if not files:
    found = search(sys.stdin, None)
for name in files:
    try:
        with open(name, encoding="utf-8") as file:
            if search(file, name):
                found = True
    except FileNotFoundError:
        print(f"error: {name}: no such file", file=sys.stderr)
        missing = True
if missing:
    sys.exit(2)
sys.exit(0)
