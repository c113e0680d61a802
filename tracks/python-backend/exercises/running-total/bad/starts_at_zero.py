# Mistake (off by one): appends the total *before* adding the number,
# so the list starts with 0 and misses the last sum.
def running_total(numbers):
    result = []
    total = 0
    for number in numbers:
        result.append(total)
        total += number
    return result
