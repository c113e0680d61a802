# Mistake: turns the rows into a list before cutting it into batches. On an endless
# stream, list(rows) never ends, until the run hits a limit.
from itertools import count


def numbered(prefix, start=1):
    for number in count(start):
        yield f"{prefix}-{number}"


def batches(rows, size):
    if size < 1:
        raise ValueError(f"size must be 1 or more, got {size}")
    rows = list(rows)
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
