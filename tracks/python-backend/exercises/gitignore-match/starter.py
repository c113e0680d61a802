def is_ignored(path, patterns):
    """Return True when git ignores the file at `path` under these .gitignore patterns."""
    return path in patterns
