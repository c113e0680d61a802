import random

from solution import range_sums


def test_the_example_from_the_instructions():
    assert range_sums([3, 1, 4, 1, 5], [(0, 2), (1, 1), (2, 4)]) == [8, 1, 10]


def test_no_queries_give_an_empty_list():
    assert range_sums([1, 2, 3], []) == []


def test_a_range_of_one_day():
    assert range_sums([7, 8, 9], [(0, 0), (1, 1), (2, 2)]) == [7, 8, 9]


def test_both_ends_are_included():
    assert range_sums([1, 10, 100, 1000], [(1, 2)]) == [110]


def test_ranges_that_start_at_the_first_day():
    assert range_sums([10, -4, 7], [(0, 2), (0, 0), (0, 1)]) == [13, 10, 6]


def test_ranges_that_end_at_the_last_day():
    assert range_sums([5, 6, 7, 8], [(3, 3), (1, 3)]) == [8, 21]


def test_negative_numbers():
    assert range_sums([-5, 3, -2, -1], [(0, 3), (1, 2)]) == [-5, 1]


def test_answers_come_in_the_order_of_the_queries():
    assert range_sums([1, 2, 3, 4], [(3, 3), (0, 3), (2, 3), (0, 0)]) == [4, 10, 7, 1]


def test_the_lists_are_not_changed():
    numbers = [4, 5, 6]
    queries = [(0, 1), (1, 2)]
    range_sums(numbers, queries)
    assert numbers == [4, 5, 6]
    assert queries == [(0, 1), (1, 2)]


def expected_sums(numbers, queries):
    # Sums worked out another way: from the end of the list backwards.
    from_end = [0] * (len(numbers) + 1)
    for i in range(len(numbers) - 1, -1, -1):
        from_end[i] = from_end[i + 1] + numbers[i]
    return [from_end[first] - from_end[last + 1] for first, last in queries]


def test_20000_days_and_20000_random_queries():
    rng = random.Random(7)
    numbers = [rng.randint(-1_000, 5_000) for _ in range(20_000)]
    queries = []
    for _ in range(20_000):
        first = rng.randrange(20_000)
        queries.append((first, rng.randrange(first, 20_000)))
    got = range_sums(numbers, queries)
    expected = expected_sums(numbers, queries)
    assert got == expected, f"20,000 random queries: expected {expected[:3]}... got {got[:3] if isinstance(got, list) else got!r}..."


def test_50000_queries_over_nearly_the_whole_list():
    rng = random.Random(11)
    numbers = [rng.randint(0, 9_999) for _ in range(50_000)]
    queries = [(i % 100, 49_999 - i % 100) for i in range(50_000)]
    got = range_sums(numbers, queries)
    expected = expected_sums(numbers, queries)
    assert got == expected, f"50,000 queries over nearly all days: expected {expected[:3]}... got {got[:3] if isinstance(got, list) else got!r}..."
