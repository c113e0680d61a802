def averages(grades):
    """Return {name: average rounded to 1 decimal} for the students with at least one score."""
    return {name: round(sum(scores) / len(scores), 1) for name, scores in grades.items() if scores}


def top_students(grades, minimum=90):
    """Return the names whose rounded average is at least minimum, best first, ties by name."""
    average = averages(grades)
    chosen = [name for name in average if average[name] >= minimum]
    return sorted(chosen, key=lambda name: (-average[name], name))
