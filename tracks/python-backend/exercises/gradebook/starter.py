def averages(grades):
    """Return {name: average rounded to 1 decimal} for the students with at least one score."""
    return {}


def top_students(grades, minimum=90):
    """Return the names whose rounded average is at least minimum, best first, ties by name."""
    return []
