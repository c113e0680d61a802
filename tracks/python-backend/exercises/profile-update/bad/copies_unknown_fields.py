# Mistake: copies any field it does not know into the record, so is_staff or balance
# sent by a client ends up stored: mass assignment.
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
            if isinstance(value, bool):
                accepted[field] = value
            else:
                errors[field] = "invalid"
        else:
            accepted[field] = value
    updated = dict(record)
    if not errors:
        updated.update(accepted)
    return updated, errors
