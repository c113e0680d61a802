# Mistake: '*' becomes '.*', so 'reports/*.csv' also matches files in subdirectories.
import re


def to_regex(pattern):
    """Translate one gitignore pattern (without '!' and final '/') into a regex."""
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i) and (i == 0 or pattern[i - 1] == "/"):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            parts.append("/.*")
            i += 3
        elif pattern[i] == "*":
            parts.append(".*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts))


def parse(patterns):
    rules = []
    for line in patterns:
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        dir_only = line.endswith("/")
        if dir_only:
            line = line[:-1]
        anchored = "/" in line
        rules.append((to_regex(line.lstrip("/")), negated, dir_only, anchored))
    return rules


def is_ignored(path, patterns):
    """Return True when git ignores the file at `path` under these .gitignore patterns."""
    rules = parse(patterns)
    names = path.split("/")
    ignored = False
    for depth in range(1, len(names) + 1):
        level = "/".join(names[:depth])
        is_dir = depth < len(names)
        ignored = False
        for regex, negated, dir_only, anchored in rules:
            if dir_only and not is_dir:
                continue
            subject = level if anchored else names[depth - 1]
            if regex.fullmatch(subject):
                ignored = not negated
        # An ignored directory hides everything in it: git never looks inside.
        if ignored and is_dir:
            return True
    return ignored
