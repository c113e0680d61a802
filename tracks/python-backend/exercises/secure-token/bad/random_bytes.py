# Mistake: takes the 32 bytes from random.randbytes instead of secrets.token_bytes. After
# a few hundred tokens, the generator's state can be rebuilt and the next token computed.
import base64
import secrets
from random import randbytes


def new_token():
    return base64.urlsafe_b64encode(randbytes(32)).rstrip(b"=").decode()


def new_code(digits=6):
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"
