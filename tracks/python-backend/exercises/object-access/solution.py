ACTIONS = ("read", "update", "delete", "share")
SHARED = {"read": {"read"}, "write": {"read", "update"}}


def can(user, action, doc):
    """Whether user (a dict, or None when nobody is logged in) may do action on doc."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if doc["visibility"] == "public" and action == "read":
        return True
    if not _logged_in(user):
        # Checked before any comparison of ids: an anonymous "id" of None must never
        # equal the owner_id None of an orphaned document.
        return False
    if user["role"] == "admin":
        return True
    if user["role"] == "auditor" and action == "read":
        return True
    if doc["owner_id"] == user["id"]:
        return True
    return action in SHARED.get(doc["shared_with"].get(user["id"]), set())


def decide(user, action, doc):
    """The HTTP status of the request: 200, 401, 403 or 404."""
    if can(user, action, doc):
        return 200
    if not _logged_in(user):
        return 401
    # Someone who may not even read it must not learn that it exists.
    return 403 if can(user, "read", doc) else 404


def visible(user, docs):
    """The ids of the docs user may read, in the order given."""
    return [doc["id"] for doc in docs if can(user, "read", doc)]


def _logged_in(user):
    return user is not None and user["active"] is True
