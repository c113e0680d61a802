# Mistake: bumps the minor version but keeps the patch number, so 3.9.4 becomes 3.10.4.
import re

VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
HEADER = re.compile(r"([a-z]+)(?:\([^()\n]+\))?(!)?: \S.*")
MAJOR, MINOR, PATCH, NONE = 3, 2, 1, 0


def level(message):
    """The release level one commit asks for."""
    header, _, body = message.partition("\n")
    match = HEADER.fullmatch(header)
    if match is None:
        return NONE
    kind, bang = match.groups()
    footers = ("BREAKING CHANGE: ", "BREAKING-CHANGE: ")
    if bang or any(line.startswith(footers) for line in body.split("\n")):
        return MAJOR
    if kind == "feat":
        return MINOR
    if kind in ("fix", "perf"):
        return PATCH
    return NONE


def next_version(current, messages):
    """Return the next semantic version after `current` for these commits, or None."""
    match = VERSION.fullmatch(current)
    if match is None:
        raise ValueError(f"not a version: {current!r}")
    major, minor, patch = (int(part) for part in match.groups())
    highest = max((level(message) for message in messages), default=NONE)
    if highest == NONE:
        return None
    if major == 0:
        # 0.y.z: the API is not stable yet, so every level moves down by one.
        highest = max(highest - 1, PATCH)
    if highest == MAJOR:
        return f"{major + 1}.0.0"
    if highest == MINOR:
        return f"{major}.{minor + 1}.{patch}"
    return f"{major}.{minor}.{patch + 1}"
