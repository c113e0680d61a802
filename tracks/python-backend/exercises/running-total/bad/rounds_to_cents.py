# Mistake: rounds each sum to two decimals, as if every number were money; the README asks
# to keep every decimal.
def running_total(numbers):
    result = []
    total = 0
    for number in numbers:
        total += number
        result.append(round(total, 2))
    return result
