import pytest

from solution import count_digit_sum


def slow_count(limit, target):
    return sum(1 for n in range(1, limit + 1) if sum(int(d) for d in str(n)) == target)


def test_the_first_example():
    assert count_digit_sum(20, 2) == 3


def test_powers_of_ten_are_included():
    assert count_digit_sum(100, 1) == 3


def test_the_limit_itself_counts():
    assert count_digit_sum(19, 10) == 1
    assert count_digit_sum(999, 27) == 1


def test_a_number_just_below_the_limit_counts_too():
    assert count_digit_sum(15, 6) == 2


def test_target_zero_counts_nothing():
    assert count_digit_sum(5, 0) == 0
    assert count_digit_sum(1000, 0) == 0


def test_a_limit_of_zero_or_one():
    assert count_digit_sum(0, 1) == 0
    assert count_digit_sum(1, 1) == 1


@pytest.mark.parametrize("limit, target", [(1000, 5), (2024, 12), (9_999, 1), (54_321, 18), (100_000, 20)])
def test_small_limits_agree_with_counting_one_by_one(limit, target):
    assert count_digit_sum(limit, target) == slow_count(limit, target)


def test_one_million_and_target_10():
    assert count_digit_sum(10**6, 10) == 2_997


def test_up_to_10_to_the_18_with_target_1():
    assert count_digit_sum(10**18, 1) == 19


def test_only_eighteen_nines_add_up_to_162():
    assert count_digit_sum(10**18, 162) == 1


def test_a_target_no_number_can_reach():
    assert count_digit_sum(10**18, 0) == 0
    assert count_digit_sum(10**18, 200) == 0
    assert count_digit_sum(10**18, 10**9) == 0


@pytest.mark.parametrize(
    "limit, target, expected",
    [
        (10**18, 90, 24_918_647_231_083_239),
        (987_654_321_987_654_321, 81, 32_156_623_346_323_231),
        (123_456_789_012_345_678, 50, 384_481_569_566_241),
        (2**60, 42, 224_522_710_354_212),
    ],
)
def test_huge_limits(limit, target, expected):
    assert count_digit_sum(limit, target) == expected
