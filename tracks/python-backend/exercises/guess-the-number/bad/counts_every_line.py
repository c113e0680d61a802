# Mistake: counts every line as a guess, even the ones that are not numbers or are out of
# range, so the final count is too high.
import sys

args = sys.argv[1:]
if len(args) != 1 or not args[0].isdecimal() or not 1 <= int(args[0]) <= 100:
    print("usage: solution.py SECRET (a whole number from 1 to 100)", file=sys.stderr)
    sys.exit(2)
secret = int(args[0])

guesses = 0
for line in sys.stdin:
    guesses += 1
    try:
        guess = int(line.strip())
    except ValueError:
        print("please type a whole number")
        continue
    if not 1 <= guess <= 100:
        print("please guess from 1 to 100")
    elif guess < secret:
        print("higher")
    elif guess > secret:
        print("lower")
    else:
        print(f"correct! you needed {guesses} {'guess' if guesses == 1 else 'guesses'}")
        sys.exit(0)
print(f"game over: the number was {secret}")
sys.exit(1)
