# Mistake: returns only the final total, not the running list.
def running_total(numbers):
    return sum(numbers)
