def can(user, action, doc):
    """Whether user (a dict, or None when nobody is logged in) may do action on doc."""
    # TODO: this only checks that someone is logged in: that is the mistake to avoid.
    return user is not None


def decide(user, action, doc):
    """The HTTP status of the request: 200, 401, 403 or 404."""
    return 200 if can(user, action, doc) else 401


def visible(user, docs):
    """The ids of the docs user may read, in the order given."""
    return [doc["id"] for doc in docs if can(user, "read", doc)]
