# Mistake: uses the +++ path even for a deleted file, so it is listed as '/dev/null'.
def strip_prefix(path):
    """'b/app/x.py' -> 'app/x.py'; '/dev/null' stays as it is."""
    return path[2:] if path.startswith(("a/", "b/")) else path


def diff_stats(diff):
    """Return {path: {"added": A, "removed": R}} for each file in a unified diff."""
    stats = {}
    current = None  # the counts of the file being read
    old_path = None
    in_hunk = False
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            current, old_path, in_hunk = None, None, False
        elif line.startswith("@@"):
            in_hunk = True
        elif not in_hunk and line.startswith("--- "):
            old_path = strip_prefix(line[4:])
        elif not in_hunk and line.startswith("+++ "):
            new_path = strip_prefix(line[4:])
            path = new_path
            current = stats.setdefault(path, {"added": 0, "removed": 0})
        elif in_hunk and current is not None:
            if line.startswith("+"):
                current["added"] += 1
            elif line.startswith("-"):
                current["removed"] += 1
    return stats
