# Mistake: adds up numbers[0..i] again for every i. Correct, but with 100,000 numbers that
# is about 5 billion additions, and the run hits its CPU-time limit.
def running_total(numbers):
    return [sum(numbers[:i + 1]) for i in range(len(numbers))]
