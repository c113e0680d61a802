# Mistake: yields tuples (what islice gives once turned into a tuple) instead of lists.
from itertools import count, islice


def numbered(prefix, start=1):
    for number in count(start):
        yield f"{prefix}-{number}"


def batches(rows, size):
    if size < 1:
        raise ValueError(f"size must be 1 or more, got {size}")
    iterator = iter(rows)
    while batch := tuple(islice(iterator, size)):
        yield batch
