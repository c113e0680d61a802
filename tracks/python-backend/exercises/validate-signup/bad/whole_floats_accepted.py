# Mistake: accepts a float that is a whole number, such as 20.0, as an age.
ALLOWED_FIELDS = {"email", "password", "age", "newsletter"}


def email_problem(email):
    if not isinstance(email, str):
        return "is required"
    local, at, domain = email.partition("@")
    valid = (
        at
        and local
        and "@" not in domain
        and not any(c.isspace() for c in email)
        and "." in domain[1:-1]
    )
    return None if valid else "must be a valid email address"


def password_problem(password):
    if not isinstance(password, str):
        return "is required"
    if len(password) < 8:
        return "must be at least 8 characters"
    # isdigit() is True for "²" and "٣" too: only 0-9 count as digits here.
    if not any(c.isalpha() for c in password) or not any(c in "0123456789" for c in password):
        return "must contain a letter and a digit"
    return None


def age_problem(age):
    # bool is a subclass of int, and JSON true must not count as an age.
    if type(age) is float and age.is_integer():
        age = int(age)
    if type(age) is not int:
        return "must be a whole number"
    if not 13 <= age <= 130:
        return "must be between 13 and 130"
    return None


def newsletter_problem(newsletter):
    # Compare the type, not the value: 1 == True, so "in (True, False)" would accept 1.
    return None if isinstance(newsletter, bool) else "must be true or false"


def validate_signup(payload):
    """Return {field: message} for every problem in payload; {} when it is valid."""
    if not isinstance(payload, dict):
        return {"payload": "must be a JSON object"}
    errors = {}
    problems = {
        "email": email_problem(payload.get("email")),
        "password": password_problem(payload.get("password")),
        "age": age_problem(payload["age"]) if "age" in payload else None,
        "newsletter": newsletter_problem(payload["newsletter"]) if "newsletter" in payload else None,
    }
    for field, problem in problems.items():
        if problem:
            errors[field] = problem
    for field in payload:
        if field not in ALLOWED_FIELDS:
            errors[field] = "unknown field"
    return errors
