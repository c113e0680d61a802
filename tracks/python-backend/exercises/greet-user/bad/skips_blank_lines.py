# Mistake: skips blank lines until it finds a name, instead of reading only the first line.
import sys

name = ""
for line in sys.stdin:
    name = line.strip()
    if name:
        break
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"

if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)

print(f"{greeting}, {name}!")
