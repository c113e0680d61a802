import pytest

from solution import count_harshad


def test_every_number_from_1_to_9_counts():
    assert count_harshad(9) == 9


def test_the_limit_itself_is_included():
    # 10 has digit sum 1, so it is divisible by it.
    assert count_harshad(10) == 10


def test_11_is_left_out_and_12_counts():
    assert count_harshad(11) == 10
    assert count_harshad(12) == 11


def test_a_single_number():
    assert count_harshad(1) == 1


def test_zero_and_negative_limits_count_nothing():
    assert count_harshad(0) == 0
    assert count_harshad(-5) == 0


@pytest.mark.parametrize(
    "limit, expected",
    [(100, 33), (1000, 213), (2024, 409), (99_999, 11_871), (100_000, 11_872)],
)
def test_larger_limits(limit, expected):
    assert count_harshad(limit) == expected
