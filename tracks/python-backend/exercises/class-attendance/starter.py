def attendance(roster, days):
    """Return {"never": [...], "always": [...], "extra": [...]}, each list sorted."""
    enrolled = set(roster)
    # Find who came at least once, and who came every day. Sets will help.
    return {"never": [], "always": [], "extra": []}
