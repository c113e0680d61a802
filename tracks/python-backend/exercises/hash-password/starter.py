import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"


def hash_password(password, iterations=600_000):
    """Return "pbkdf2_sha256$ITERATIONS$SALT$HASH" for password, with a new random salt."""
    # TODO: a new salt, then hashlib.pbkdf2_hmac("sha256", ...)
    return f"{SCHEME}${iterations}$$"


def verify_password(password, stored):
    """Return True if password is the one stored was made from; False otherwise."""
    return False


def needs_rehash(stored, iterations=600_000):
    """Return True if stored was made with fewer iterations, or is not a hash of this scheme."""
    return False
