# Mistake: returns the input itself when it has fewer than two numbers, so a short tuple
# comes back as a tuple, not a list.
def running_total(numbers):
    if len(numbers) < 2:
        return numbers
    result = [numbers[0]]
    for number in numbers[1:]:
        result.append(result[-1] + number)
    return result
