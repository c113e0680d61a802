import re

HUNK = re.compile(r"@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
PRINT = re.compile(r"(?<![\w.])print\(")


def problems(text, max_length):
    """The messages for one added line, in the order of the checks."""
    found = []
    if len(text) > max_length:
        found.append(f"line too long ({len(text)} > {max_length})")
    if text.endswith((" ", "\t")):
        found.append("trailing whitespace")
    if not text.lstrip().startswith("#"):
        if PRINT.search(text):
            found.append("leftover print()")
        if "breakpoint()" in text or "pdb.set_trace()" in text:
            found.append("leftover debugger")
    return found


def review_comments(diff, max_length=79):
    """Return 'PATH:LINE: MESSAGE' comments for the added lines of Python files in `diff`."""
    comments = []
    path = None
    in_hunk = False
    line_number = 0
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            path, in_hunk = None, False
        elif not in_hunk and line.startswith("+++ "):
            target = line[4:]
            path = target[2:] if target.startswith("b/") else None
        elif line.startswith("@@"):
            match = HUNK.match(line)
            in_hunk = match is not None
            line_number = int(match.group(1)) if match else 0
        elif in_hunk and line.startswith(" "):
            line_number += 1
        elif in_hunk and line.startswith("+"):
            if path is not None and path.endswith(".py"):
                for message in problems(line[1:], max_length):
                    comments.append(f"{path}:{line_number}: {message}")
            line_number += 1
    return comments
