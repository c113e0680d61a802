# Mistake: never leaves the hunk at 'diff --git', so the next file's --- and +++ lines are counted as changes of the previous file.
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
            old_path = None
        elif line.startswith("@@"):
            in_hunk = True
        elif not in_hunk and line.startswith("--- "):
            old_path = strip_prefix(line[4:])
        elif not in_hunk and line.startswith("+++ "):
            new_path = strip_prefix(line[4:])
            path = old_path if new_path == "/dev/null" else new_path
            current = stats.setdefault(path, {"added": 0, "removed": 0})
        elif in_hunk and current is not None:
            if line.startswith("+"):
                current["added"] += 1
            elif line.startswith("-"):
                current["removed"] += 1
    return stats
