# Mistake: reads with input(), which raises EOFError when there is nothing to read, so an
# empty input ends in a traceback instead of the "error: ..." message.
import sys

name = input().strip()
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"

if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)

print(f"{greeting}, {name}!")
