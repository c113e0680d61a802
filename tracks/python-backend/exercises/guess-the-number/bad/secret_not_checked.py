# Mistake: checks that there is one argument, but not that it is from 1 to 100, so a
# secret of 0 or 101 starts a game nobody can win.
import sys

args = sys.argv[1:]
try:
    secret = int(args[0]) if len(args) == 1 else None
except ValueError:
    secret = None
if secret is None:
    print("usage: solution.py SECRET (a whole number from 1 to 100)", file=sys.stderr)
    sys.exit(2)

guesses = 0
for line in sys.stdin:
    try:
        guess = int(line.strip())
    except ValueError:
        print("please type a whole number")
        continue
    if not 1 <= guess <= 100:
        print("please guess from 1 to 100")
        continue
    guesses += 1
    if guess < secret:
        print("higher")
    elif guess > secret:
        print("lower")
    else:
        print(f"correct! you needed {guesses} {'guess' if guesses == 1 else 'guesses'}")
        sys.exit(0)
print(f"game over: the number was {secret}")
sys.exit(1)
