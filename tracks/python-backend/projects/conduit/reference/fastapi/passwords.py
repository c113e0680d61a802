"""Salted, slow password hashes with the standard library (PBKDF2-HMAC-SHA256).

Stored as pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>, so the cost can change later
without breaking the hashes already stored.
"""
import hashlib
import hmac
import os
import secrets

# A slow hash is the point in production; tests may lower the cost (PASSWORD_HASH_COST=test,
# set by roadwork while it tests), as Django's own test settings do.
ITERATIONS = 1000 if os.environ.get("PASSWORD_HASH_COST") == "test" else 600_000


def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return f"pbkdf2_sha256${ITERATIONS}${salt.hex()}${digest.hex()}"


def password_matches(stored, password):
    try:
        _scheme, iterations, salt, digest = stored.split("$")
        again = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(again.hex(), digest)
