# Mistake: removes the newline and the spaces, but not tabs or the "\r" of a Windows line
# end, so they end up inside the greeting.
import sys

name = sys.stdin.readline().rstrip("\n").strip(" ")
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"

if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)

print(f"{greeting}, {name}!")
