# Mistake: draws from 100000 to 999999 to be sure of 6 digits, so a code never starts with
# 0 and there are 10% fewer codes to guess from.
import secrets


def new_token():
    return secrets.token_urlsafe(32)


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    lowest = 10 ** (digits - 1)
    return str(lowest + secrets.randbelow(9 * lowest))
