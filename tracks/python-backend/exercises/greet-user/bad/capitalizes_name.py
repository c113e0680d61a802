# Mistake: "tidies" the name with .title(), so "dj McQueen" becomes "Dj Mcqueen".
import sys

name = sys.stdin.readline().strip().title()
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"

if not name:
    print("error: please type a name", file=sys.stderr)
    sys.exit(1)

print(f"{greeting}, {name}!")
