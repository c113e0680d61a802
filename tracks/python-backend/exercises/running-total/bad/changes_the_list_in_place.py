# Mistake: turns the list it was given into the running totals in place and returns it,
# so the caller's numbers are gone; and a tuple, which cannot be changed, makes it crash.
def running_total(numbers):
    for i in range(1, len(numbers)):
        numbers[i] += numbers[i - 1]
    return numbers
