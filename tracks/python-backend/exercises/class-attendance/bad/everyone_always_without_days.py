# Mistake: with no lessons at all, the loop never runs and everyone is left in "always".
def attendance(roster, days):
    enrolled = set(roster)
    came = set()
    always = set(enrolled)
    for present in days:
        came |= set(present)
        always &= set(present)
    return {
        "never": sorted(enrolled - came),
        "always": sorted(always),
        "extra": sorted(came - enrolled),
    }
