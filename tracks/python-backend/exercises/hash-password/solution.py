import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"
SALT_BYTES = 16


def hash_password(password, iterations=600_000):
    """Return "pbkdf2_sha256$ITERATIONS$SALT$HASH" for password, with a new random salt."""
    if type(iterations) is not int or iterations < 1:
        raise ValueError(f"iterations must be a whole number of at least 1, got {iterations!r}")
    salt = secrets.token_bytes(SALT_BYTES)
    derived = _derive(password, salt, iterations)
    return "$".join([SCHEME, str(iterations), salt.hex(), derived.hex()])


def verify_password(password, stored):
    """Return True if password is the one stored was made from; False otherwise."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    iterations, salt, expected = parsed
    return hmac.compare_digest(_derive(password, salt, iterations), expected)


def needs_rehash(stored, iterations=600_000):
    """Return True if stored was made with fewer iterations, or is not a hash of this scheme."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] < iterations


def _derive(password, salt, iterations):
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def _parse(stored):
    """(iterations, salt, hash) from a stored hash, or None when it is malformed."""
    if not isinstance(stored, str):
        return None
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        return None
    _, cost, salt_hex, hash_hex = parts
    # int() accepts " 12" and "1_000", and isdigit() accepts "²": only ASCII digits are a cost.
    if not (cost.isascii() and cost.isdigit()):
        return None
    try:
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return None
    iterations = int(cost)
    if iterations < 1 or not salt or not expected:
        return None
    return iterations, salt, expected
