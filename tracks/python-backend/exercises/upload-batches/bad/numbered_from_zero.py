# Mistake (off by one): adds 1 to the number before the first yield, so the stream starts
# at "order-2".
def numbered(prefix, start=1):
    number = start
    while True:
        number += 1
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
    if batch:
        yield batch
