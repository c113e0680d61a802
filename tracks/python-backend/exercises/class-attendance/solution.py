def attendance(roster, days):
    """Return {"never": [...], "always": [...], "extra": [...]}, each list sorted."""
    enrolled = set(roster)
    came = set()
    for present in days:
        came |= set(present)

    if days:
        always = set(enrolled)
        for present in days:
            always &= set(present)
    else:
        always = set()

    return {
        "never": sorted(enrolled - came),
        "always": sorted(always),
        "extra": sorted(came - enrolled),
    }
