# Mistake: compares the exact average with the minimum instead of the rounded one that
# averages() gives, so 89.97 (shown as 90.0) is not enough.
def averages(grades):
    return {name: round(sum(scores) / len(scores), 1) for name, scores in grades.items() if scores}


def top_students(grades, minimum=90):
    exact = {name: sum(scores) / len(scores) for name, scores in grades.items() if scores}
    chosen = [name for name in exact if exact[name] >= minimum]
    return sorted(chosen, key=lambda name: (-exact[name], name))
