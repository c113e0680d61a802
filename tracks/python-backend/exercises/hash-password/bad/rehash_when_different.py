# Mistake: asks for a rehash whenever the cost differs, even when the stored hash
# is already stronger than asked.
import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"


def hash_password(password, iterations=600_000):
    if type(iterations) is not int or iterations < 1:
        raise ValueError(f"iterations must be a whole number of at least 1, got {iterations!r}")
    salt = secrets.token_bytes(16)
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${derived.hex()}"


def verify_password(password, stored):
    try:
        scheme, cost, salt_hex, hash_hex = stored.split("$")
        iterations = int(cost)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except (AttributeError, ValueError):
        return False
    if scheme != SCHEME or iterations < 1:
        return False
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(derived, expected)


def needs_rehash(stored, iterations=600_000):
    try:
        scheme, cost, _, _ = stored.split("$")
        return scheme != SCHEME or int(cost) != iterations
    except (AttributeError, ValueError):
        return True
