# Mistake: gives back the same type it was given (type(numbers)(...)), so a tuple in
# gives a tuple out instead of a list.
def running_total(numbers):
    result = []
    total = 0
    for number in numbers:
        total += number
        result.append(total)
    return type(numbers)(result)
