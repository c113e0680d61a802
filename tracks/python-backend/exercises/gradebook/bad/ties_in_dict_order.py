# Mistake: sorts by the average only, so students with the same average stay in the order
# of the dict instead of alphabetical order.
def averages(grades):
    return {name: round(sum(scores) / len(scores), 1) for name, scores in grades.items() if scores}


def top_students(grades, minimum=90):
    average = averages(grades)
    chosen = [name for name in average if average[name] >= minimum]
    return sorted(chosen, key=lambda name: average[name], reverse=True)
