from collections.abc import Iterable, Iterator
from itertools import count, islice


def numbered(prefix: str, start: int = 1) -> Iterator[str]:
    """Yield "PREFIX-START", "PREFIX-START+1", ... for ever."""
    for number in count(start):
        yield f"{prefix}-{number}"


def batches(rows: Iterable, size: int) -> Iterator[list]:
    """Yield lists of `size` rows (the last may be shorter), reading rows only as needed."""
    if size < 1:
        raise ValueError(f"size must be 1 or more, got {size}")
    return _batches(iter(rows), size)


def _batches(rows: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(rows, size)):
        yield batch
