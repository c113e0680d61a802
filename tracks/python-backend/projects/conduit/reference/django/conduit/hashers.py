from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with 1,000 iterations, for tests only (settings.py lists it under
    PASSWORD_HASH_COST=test): still salted, a few hundred times cheaper."""

    iterations = 1000
