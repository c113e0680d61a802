# Mistake: removes only the newline, so spaces around the name stay in the greeting.
import sys

name = sys.stdin.readline().rstrip("\n")
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"

if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)

print(f"{greeting}, {name}!")
