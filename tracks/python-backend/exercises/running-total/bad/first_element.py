# Mistake: starts from numbers[0], which crashes on an empty list.
def running_total(numbers):
    total = numbers[0]
    result = [total]
    for number in numbers[1:]:
        total += number
        result.append(total)
    return result
