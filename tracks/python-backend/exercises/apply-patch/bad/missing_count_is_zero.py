# Mistake: reads a missing ',COUNT' as 0 instead of 1.
import re

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: .*)?")


def read_hunks(patch):
    """Return [(old_start, old_count, [(tag, text), ...]), ...] or raise ValueError."""
    lines = patch.splitlines()
    i = 0
    while i < len(lines) and not lines[i].startswith("@@"):
        i += 1
    hunks = []
    while i < len(lines):
        number = len(hunks) + 1
        match = HUNK.fullmatch(lines[i])
        if match is None:
            raise ValueError(f"hunk {number}: bad header {lines[i]!r}")
        old_start = int(match.group(1))
        old_count = int(match.group(2) or 0)
        new_count = int(match.group(4) or 0)
        i += 1
        body, old_seen, new_seen = [], 0, 0
        while old_seen < old_count or new_seen < new_count:
            if i == len(lines):
                raise ValueError(f"hunk {number}: the patch ends inside the hunk")
            tag, text = lines[i][:1], lines[i][1:]
            if tag not in (" ", "-", "+"):
                raise ValueError(f"hunk {number}: unexpected line {lines[i]!r}")
            old_seen += tag in " -"
            new_seen += tag in " +"
            body.append((tag, text))
            i += 1
        if (old_seen, new_seen) != (old_count, new_count):
            raise ValueError(f"hunk {number}: its lines do not add up to the counts of its header")
        hunks.append((old_start, old_count, body))
    return hunks


def apply_patch(original, patch):
    """Apply a unified diff of one file to `original` and return the new text."""
    old = original.splitlines(keepends=True)
    new = []
    done = 0  # how many original lines are already copied or consumed
    for number, (old_start, old_count, body) in enumerate(read_hunks(patch), start=1):
        # A hunk that only adds lines names the line it goes after.
        first = old_start if old_count == 0 else old_start - 1
        if first < done or first + old_count > len(old):
            raise ValueError(f"hunk {number} does not apply")
        new += old[done:first]
        done = first
        for tag, text in body:
            if tag == "+":
                new.append(text + "\n")
                continue
            if old[done] != text + "\n":
                raise ValueError(f"hunk {number} does not apply")
            if tag == " ":
                new.append(old[done])
            done += 1
    return "".join(new + old[done:])
