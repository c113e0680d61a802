# Mistake: works with lists instead of sets, so a name that is twice on the roster is
# listed twice.
def attendance(roster, days):
    came = [name for present in days for name in present]
    never = sorted(name for name in roster if name not in came)
    always = sorted(name for name in roster if days and all(name in present for present in days))
    extra = sorted({name for name in came if name not in roster})
    return {"never": never, "always": always, "extra": extra}
