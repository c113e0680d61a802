# Mistake: builds the result with numbers[:0] + ..., so a tuple in gives a tuple out.
def running_total(numbers):
    result = numbers[:0]
    total = 0
    for number in numbers:
        total += number
        result = result + type(numbers)([total])
    return result
