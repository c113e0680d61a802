# Mistake: checks guesses with str.isdigit(), which accepts "²"; int("²") then raises
# ValueError and the game crashes. (It also turns "-5" into "not a number".)
import sys

args = sys.argv[1:]
if len(args) != 1 or not args[0].isdecimal() or not 1 <= int(args[0]) <= 100:
    print("usage: solution.py SECRET (a whole number from 1 to 100)", file=sys.stderr)
    sys.exit(2)
secret = int(args[0])

guesses = 0
for line in sys.stdin:
    text = line.strip()
    if not text.isdigit():
        print("please type a whole number")
        continue
    guess = int(text)
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
