# Mistake: forgets the students without scores, so an empty list divides by zero.
def averages(grades):
    return {name: round(sum(scores) / len(scores), 1) for name, scores in grades.items()}


def top_students(grades, minimum=90):
    average = averages(grades)
    chosen = [name for name in average if average[name] >= minimum]
    return sorted(chosen, key=lambda name: (-average[name], name))
