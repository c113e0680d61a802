# Mistake: picks each character with random.choice. The alphabet is right and the tokens
# look random, but whoever knows (or guesses) random's seed can make the same ones.
import random
import secrets

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def new_token():
    return "".join(random.choice(ALPHABET) for _ in range(43))


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"
