# Mistake: yields the last batch without checking that it has rows, so an exact multiple
# (or no rows at all) ends with an empty batch.
from itertools import count


def numbered(prefix, start=1):
    for number in count(start):
        yield f"{prefix}-{number}"


def batches(rows, size):
    if size < 1:
        raise ValueError(f"size must be 1 or more, got {size}")
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    yield batch
