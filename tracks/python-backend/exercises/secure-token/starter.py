import secrets


def new_token():
    """Return a new unguessable token: 43 URL-safe characters (32 random bytes)."""
    # TODO: use the secrets module
    return ""


def new_code(digits=6):
    """Return a one-time code of `digits` digits (4 to 12); it may start with 0."""
    return "0" * digits
