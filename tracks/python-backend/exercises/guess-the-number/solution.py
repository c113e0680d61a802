import sys

USAGE = "usage: solution.py SECRET (a whole number from 1 to 100)"


def whole_number(text):
    """Return text as an int, or None when it is not a whole number."""
    try:
        return int(text)
    except ValueError:
        return None


def read_secret(args):
    secret = whole_number(args[0]) if len(args) == 1 else None
    if secret is None or not 1 <= secret <= 100:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    return secret


def play(secret, lines):
    """Answer each guess; return True when the secret was found."""
    guesses = 0
    for line in lines:
        guess = whole_number(line.strip())
        if guess is None:
            print("please type a whole number")
        elif not 1 <= guess <= 100:
            print("please guess from 1 to 100")
        else:
            guesses += 1
            if guess < secret:
                print("higher")
            elif guess > secret:
                print("lower")
            else:
                print(f"correct! you needed {guesses} {'guess' if guesses == 1 else 'guesses'}")
                return True
    return False


secret = read_secret(sys.argv[1:])
if not play(secret, sys.stdin):
    print(f"game over: the number was {secret}")
    sys.exit(1)
