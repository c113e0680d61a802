EVERYONE = {"name", "bio"}
ADMINS = {"role", "active"}
NOBODY = {"id", "email", "created_at"}
ROLES = {"member", "admin"}


def apply_update(record, changes, is_admin=False):
    """Return (updated, errors): a new record with the allowed changes, and {field: code}."""
    if not isinstance(changes, dict):
        return dict(record), {"changes": "invalid"}
    accepted, errors = {}, {}
    for field, value in changes.items():
        if field in NOBODY:
            errors[field] = "read-only"
        elif field in ADMINS and not is_admin:
            errors[field] = "admin-only"
        elif field in EVERYONE or field in ADMINS:
            clean = _clean(field, value)
            if clean is _INVALID:
                errors[field] = "invalid"
            else:
                accepted[field] = clean
        else:
            errors[field] = "unknown"
    updated = dict(record)
    if not errors:
        updated.update(accepted)
    return updated, errors


_INVALID = object()


def _clean(field, value):
    """The value to store for an allowed field, or _INVALID."""
    if field == "name":
        if isinstance(value, str) and 1 <= len(value.strip()) <= 50:
            return value.strip()
    elif field == "bio":
        if value is None or (isinstance(value, str) and len(value) <= 300):
            return value
    elif field == "role":
        if isinstance(value, str) and value in ROLES:
            return value
    elif field == "active":
        # True == 1: compare the type, or 1 and 0 would pass.
        if type(value) is bool:
            return value
    return _INVALID
