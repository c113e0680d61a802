def running_total(numbers):
    """Return a list where item i is the sum of numbers[0] .. numbers[i]."""
    result = []
    total = 0
    for number in numbers:
        total += number
        result.append(total)
    return result
