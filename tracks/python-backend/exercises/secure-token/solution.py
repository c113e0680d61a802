import secrets


def new_token():
    """Return a new unguessable token: 43 URL-safe characters (32 random bytes)."""
    # token_urlsafe counts bytes, not characters: 32 bytes are 43 base64 characters.
    return secrets.token_urlsafe(32)


def new_code(digits=6):
    """Return a one-time code of `digits` digits (4 to 12); it may start with 0."""
    if type(digits) is not int or not 4 <= digits <= 12:
        raise ValueError(f"digits must be a whole number from 4 to 12, got {digits!r}")
    return f"{secrets.randbelow(10 ** digits):0{digits}d}"
