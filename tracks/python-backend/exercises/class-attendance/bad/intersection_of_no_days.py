# Mistake: takes set.intersection(*days) without thinking of a term with no lessons,
# where there is nothing to intersect and Python raises TypeError.
def attendance(roster, days):
    enrolled = set(roster)
    day_sets = [set(present) for present in days]
    came = set().union(*day_sets)
    always = enrolled & set.intersection(*day_sets)
    return {
        "never": sorted(enrolled - came),
        "always": sorted(always),
        "extra": sorted(came - enrolled),
    }
