"""the word "password" is refused in any mix of upper and lower case"""

MIN_LENGTH = 10


def password_problems(password):
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append("at least 10 characters")
    if not any(c.islower() for c in password):
        problems.append("a lowercase letter")
    if not any(c.isupper() for c in password):
        problems.append("an uppercase letter")
    if not any(c.isdigit() for c in password):
        problems.append("a digit")
    if "password" in password:
        problems.append('not the word "password"')
    return problems
