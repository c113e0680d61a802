# Mistake: counts every line that starts with + or -, including the ---/+++ file headers,
# and never looks at hunks.
def diff_stats(diff):
    stats = {}
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[4:]
            path = path[2:] if path.startswith("b/") else path
            current = stats.setdefault(path, {"added": 0, "removed": 0})
        if current is None:
            continue
        if line.startswith("+"):
            current["added"] += 1
        elif line.startswith("-"):
            current["removed"] += 1
    return stats
