# Mistake: reuses one list for every batch with batch.clear(), so each batch given away is
# emptied and refilled afterwards: collected together, every batch shows the last rows.
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
            batch.clear()
    if batch:
        yield batch
