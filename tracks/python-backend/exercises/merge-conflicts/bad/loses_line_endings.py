# Mistake: splits with splitlines() and joins with '\\n', which turns CRLF into LF and adds a final newline.
OUTSIDE, OURS, BASE, THEIRS = "outside", "ours", "base", "theirs"


def marker_of(line):
    """Return '<', '|', '=', '>' for a marker line, or None for ordinary text."""
    bare = line.rstrip("\r\n")
    if bare == "=======":
        return "="
    for sign in "<|>":
        if bare == sign * 7 or bare.startswith(sign * 7 + " "):
            return sign
    return None


# For each state, the markers allowed there and the state each one leads to.
MOVES = {
    OUTSIDE: {"<": OURS, "|": OUTSIDE, "=": OUTSIDE},
    OURS: {"|": BASE, "=": THEIRS},
    BASE: {"=": THEIRS},
    THEIRS: {">": OUTSIDE},
}


def resolve_conflicts(text, side):
    """Replace each conflict block of `text` by the lines of `side` ('ours', 'theirs', 'both')."""
    if side not in ("ours", "theirs", "both"):
        raise ValueError(f"side must be 'ours', 'theirs' or 'both', got {side!r}")
    wanted = {"ours": {OURS}, "theirs": {THEIRS}, "both": {OURS, THEIRS}}[side]
    kept = []
    state = OUTSIDE
    opened_at = 0
    for number, line in enumerate([l + "\n" for l in text.splitlines()], start=1):
        sign = marker_of(line)
        if sign is None or (state == OUTSIDE and sign in "|="):
            if state == OUTSIDE or state in wanted:
                kept.append(line)
            continue
        if sign not in MOVES[state]:
            where = "outside a conflict block" if state == OUTSIDE else f"in the {state} part"
            raise ValueError(f"line {number}: unexpected {sign * 7} {where}")
        if sign == "<":
            opened_at = number
        state = MOVES[state][sign]
    if state != OUTSIDE:
        raise ValueError(f"line {opened_at}: conflict block is never closed")
    return "".join(kept)
