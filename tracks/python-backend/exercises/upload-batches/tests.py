import pytest

from solution import batches, numbered


def test_numbered_counts_from_1():
    orders = numbered("order")
    assert [next(orders), next(orders), next(orders)] == ["order-1", "order-2", "order-3"]


def test_numbered_can_start_elsewhere():
    invoices = numbered("inv", start=98)
    assert [next(invoices), next(invoices), next(invoices)] == ["inv-98", "inv-99", "inv-100"]


def test_numbered_goes_on_and_on():
    rows = numbered("row")
    # next() only: an endless stream has no end to read up to.
    taken = [next(rows) for _ in range(302)]
    assert taken[299:] == ["row-300", "row-301", "row-302"]


def test_two_streams_count_on_their_own():
    a, b = numbered("a"), numbered("b")
    assert [next(a), next(a), next(b), next(a)] == ["a-1", "a-2", "b-1", "a-3"]


def test_batches_of_a_list():
    assert list(batches([1, 2, 3, 4, 5, 6, 7], 3)) == [[1, 2, 3], [4, 5, 6], [7]]


def test_an_exact_multiple_ends_without_an_empty_batch():
    assert list(batches([1, 2, 3, 4, 5, 6], 3)) == [[1, 2, 3], [4, 5, 6]]


def test_no_rows_no_batches():
    assert list(batches([], 500)) == []


def test_fewer_rows_than_size_make_one_batch():
    assert list(batches(["only", "two"], 500)) == [["only", "two"]]


def test_size_1():
    assert list(batches("abc", 1)) == [["a"], ["b"], ["c"]]


def test_batches_are_lists_even_from_a_tuple_or_a_string():
    assert list(batches((10, 20, 30), 2)) == [[10, 20], [30]]
    assert list(batches("héllo", 2)) == [["h", "é"], ["l", "l"], ["o"]]


def test_batches_is_a_generator_asked_one_batch_at_a_time():
    stream = batches(["a", "b", "c", "d", "e"], 2)
    assert next(stream) == ["a", "b"]
    assert next(stream) == ["c", "d"]
    assert next(stream) == ["e"]
    with pytest.raises(StopIteration):
        next(stream)


def test_every_batch_keeps_its_own_rows():
    assert list(batches(range_of(10), 4)) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


@pytest.mark.parametrize("size", [0, -5])
def test_a_size_below_1_is_an_error(size):
    with pytest.raises(ValueError):
        list(batches([1, 2, 3], size))


def test_a_large_export():
    rows = list(range(12_345))
    sizes = [len(batch) for batch in batches(rows, 500)]
    assert sizes == [500] * 24 + [345]


def test_batches_of_an_endless_stream():
    stream = batches(numbered("order"), 500)
    first = next(stream)
    assert (len(first), first[0], first[-1]) == (500, "order-1", "order-500")
    second = next(stream)
    assert (len(second), second[0], second[-1]) == (500, "order-501", "order-1000")


def range_of(n):
    return list(range(n))
