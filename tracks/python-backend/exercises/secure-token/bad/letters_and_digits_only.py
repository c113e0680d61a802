# Mistake: draws from letters and digits only, so - and _ never appear and each character
# carries less than the 6 bits the format promises.
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def new_token():
    return "".join(secrets.choice(ALPHABET) for _ in range(43))


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"
