def next_version(current, messages):
    """Return the next semantic version after `current` for these commits, or None."""
    major, minor, patch = current.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"
