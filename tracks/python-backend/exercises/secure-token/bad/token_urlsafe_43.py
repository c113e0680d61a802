# Mistake: passes 43 to token_urlsafe, which counts bytes, not characters: the tokens are
# 58 characters long.
import secrets


def new_token():
    return secrets.token_urlsafe(43)


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"
