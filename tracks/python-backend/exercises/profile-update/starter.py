def apply_update(record, changes, is_admin=False):
    """Return (updated, errors): a new record with the allowed changes, and {field: code}."""
    updated = dict(record)
    errors = {}
    # TODO: decide for every field of changes: accept it, or refuse it with a code.
    return updated, errors
