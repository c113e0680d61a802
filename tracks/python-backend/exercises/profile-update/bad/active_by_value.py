# Mistake: checks active by value, and 1 == True, so 1 and 0 are stored instead of a bool.
def apply_update(record, changes, is_admin=False):
    if not isinstance(changes, dict):
        return dict(record), {"changes": "invalid"}
    errors = {}
    accepted = {}
    for field, value in changes.items():
        if field in ("id", "email", "created_at"):
            errors[field] = "read-only"
        elif field in ("role", "active") and not is_admin:
            errors[field] = "admin-only"
        elif field == "name":
            if isinstance(value, str) and 1 <= len(value.strip()) <= 50:
                accepted[field] = value.strip()
            else:
                errors[field] = "invalid"
        elif field == "bio":
            if value is None or (isinstance(value, str) and len(value) <= 300):
                accepted[field] = value
            else:
                errors[field] = "invalid"
        elif field == "role":
            if value in ("member", "admin"):
                accepted[field] = value
            else:
                errors[field] = "invalid"
        elif field == "active":
            if value in (True, False):
                accepted[field] = value
            else:
                errors[field] = "invalid"
        else:
            errors[field] = "unknown"
    updated = dict(record)
    if not errors:
        updated.update(accepted)
    return updated, errors
