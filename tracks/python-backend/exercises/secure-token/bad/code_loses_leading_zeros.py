# Mistake: turns the number into a string without padding, so 4217 becomes "4217" instead
# of "004217" for a 6-digit code.
import secrets


def new_token():
    return secrets.token_urlsafe(32)


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return str(secrets.randbelow(10 ** digits))
