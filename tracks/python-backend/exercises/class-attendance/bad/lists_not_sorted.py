# Mistake: returns the names in the order of the roster and the scans, not sorted.
def attendance(roster, days):
    came = []
    for present in days:
        for name in present:
            if name not in came:
                came.append(name)
    never = [name for name in dict.fromkeys(roster) if name not in came]
    always = [name for name in dict.fromkeys(roster) if days and all(name in present for present in days)]
    extra = [name for name in came if name not in roster]
    return {"never": never, "always": always, "extra": extra}
