"""a password of exactly 10 characters is long enough"""

MIN_LENGTH = 10


def password_problems(password):
    problems = []
    if len(password) <= MIN_LENGTH:
        problems.append("at least 10 characters")
    if not any(c.islower() for c in password):
        problems.append("a lowercase letter")
    if not any(c.isupper() for c in password):
        problems.append("an uppercase letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if "password" in password.lower():
        problems.append('not the word "password"')
    return problems
