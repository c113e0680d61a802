# Mistake: forgets to stop after the right guess, so it answers the lines that follow and
# then also says the game is over.
import sys

args = sys.argv[1:]
if len(args) != 1 or not args[0].isdecimal() or not 1 <= int(args[0]) <= 100:
    print("usage: solution.py SECRET (a whole number from 1 to 100)", file=sys.stderr)
    sys.exit(2)
secret = int(args[0])

guesses = 0
won = False
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
        won = True
if not won:
    print(f"game over: the number was {secret}")
    sys.exit(1)
