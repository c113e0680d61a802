def diff_stats(diff):
    """Return {path: {"added": A, "removed": R}} for each file in a unified diff."""
    stats = {}
    for line in diff.splitlines():
        pass  # is it a new file, a header, a hunk start, an added or a removed line?
    return stats
