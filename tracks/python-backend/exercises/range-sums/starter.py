def range_sums(numbers, queries):
    """Return, for each (first, last) in queries, the sum of numbers[first] to numbers[last]."""
    answers = []
    # Adding up every range from scratch is too slow for 50,000 queries.
    # What could you work out once, before answering any query?
    return answers
