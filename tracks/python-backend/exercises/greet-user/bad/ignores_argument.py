# Mistake: always says Hello, even when a greeting word is given.
import sys

name = sys.stdin.readline().strip()
if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)
print(f"Hello, {name}!")
