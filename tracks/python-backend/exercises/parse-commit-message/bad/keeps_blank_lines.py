# Mistake: keeps the blank line between header and body, and the ones at the end.
import re

HEADER = re.compile(r"([a-z]+)(?:\(([^()\n]+)\))?(!)?: (.+)")


def parse_commit(message):
    """Parse a Conventional Commits message into type, scope, breaking, description, body."""
    header, _, rest = message.partition("\n")
    match = HEADER.fullmatch(header)
    if match is None or not match.group(4).strip():
        raise ValueError(f"not a conventional commit header: {header!r}")
    kind, scope, bang, description = match.groups()
    body = rest
    breaking = bang == "!" or any(
        line.startswith("BREAKING CHANGE: ") for line in body.split("\n")
    )
    return {
        "type": kind,
        "scope": scope,
        "breaking": breaking,
        "description": description,
        "body": body,
    }
