"""Rules for new passwords at sign-up."""

RULES = [
    ("at least 10 characters", lambda p: len(p) >= 10),
    ("a lowercase letter", lambda p: any(map(str.islower, p))),
    ("an uppercase letter", lambda p: any(map(str.isupper, p))),
    ("a digit", lambda p: any(map(str.isdigit, p))),
    ('not the word "password"', lambda p: p.lower().find("password") < 0),
]


def password_problems(password):
    return [message for message, holds in RULES if not holds(password)]
