def resolve_conflicts(text, side):
    """Replace each conflict block of `text` by the lines of `side` ('ours', 'theirs', 'both')."""
    kept = []
    for line in text.splitlines():
        if not line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
            kept.append(line)
    return "\n".join(kept)
