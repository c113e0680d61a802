import random
from collections import Counter

from solution import count_pairs


def expected_pairs(numbers, target):
    # The same counting the README asks for, written another way: by value, not by position.
    counts = Counter(numbers)
    pairs = 0
    for value, count in counts.items():
        partner = target - value
        if partner == value:
            pairs += count * (count - 1) // 2
        elif value < partner:
            pairs += count * counts.get(partner, 0)
    return pairs


def test_the_example_from_the_instructions():
    assert count_pairs([1, 5, 3, 3, 7], 6) == 2


def test_an_empty_list_has_no_pairs():
    assert count_pairs([], 10) == 0


def test_one_number_never_pairs_with_itself():
    assert count_pairs([5], 10) == 0


def test_equal_numbers_pair_once_per_pair_of_positions():
    assert count_pairs([2, 2, 2, 2], 4) == 6


def test_each_pair_is_counted_once_not_twice():
    assert count_pairs([1, 9, 4, 6], 10) == 2


def test_negative_numbers_and_zero():
    assert count_pairs([-3, 0, 3, 7, -7, 0], 0) == 3


def test_no_pair_adds_up():
    assert count_pairs([1, 2, 3], 100) == 0


def test_the_list_is_not_changed():
    numbers = [4, 1, 3, 2]
    count_pairs(numbers, 5)
    assert numbers == [4, 1, 3, 2]


def test_100000_random_numbers():
    rng = random.Random(2024)
    numbers = [rng.randint(-50_000, 50_000) for _ in range(100_000)]
    got = count_pairs(numbers, 1234)
    expected = expected_pairs(numbers, 1234)
    assert got == expected, f"100,000 random numbers from -50,000 to 50,000, target 1234: expected {expected}, got {got}"


def test_100000_equal_numbers():
    numbers = [7] * 100_000
    got = count_pairs(numbers, 14)
    assert got == 4_999_950_000, f"100,000 sevens, target 14: expected 4999950000 pairs, got {got}"
