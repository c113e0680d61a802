def validate_signup(payload):
    """Return {field: message} for every problem in payload; {} when it is valid."""
    errors = {}
    # Check that payload is a dict, then email, password, age, and unknown fields.
    return errors
