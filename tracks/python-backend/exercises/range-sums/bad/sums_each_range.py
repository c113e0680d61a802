# Mistake (too slow): adds up every range from scratch. Right answers, but 50,000 queries
# over long ranges make more than a billion additions, and the CPU-time limit runs out.
def range_sums(numbers, queries):
    return [sum(numbers[first:last + 1]) for first, last in queries]
