# Mistake: feeds PBKDF2 the 32 characters of the salt's hex text instead of its 16 bytes.
# Its own hashes verify, but no other program would compute the same hash.
import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"


def hash_password(password, iterations=600_000):
    if type(iterations) is not int or iterations < 1:
        raise ValueError(f"iterations must be a whole number of at least 1, got {iterations!r}")
    salt = secrets.token_hex(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode(), iterations)
    return f"{SCHEME}${iterations}${salt}${derived.hex()}"


def verify_password(password, stored):
    try:
        scheme, cost, salt_hex, hash_hex = stored.split("$")
        iterations = int(cost)
        salt, expected = salt_hex.encode(), bytes.fromhex(hash_hex)
    except (AttributeError, ValueError):
        return False
    if scheme != SCHEME or iterations < 1:
        return False
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(derived, expected)


def needs_rehash(stored, iterations=600_000):
    try:
        scheme, cost, _, _ = stored.split("$")
        return scheme != SCHEME or int(cost) < iterations
    except (AttributeError, ValueError):
        return True
