import pytest

from solution import running_total


def test_empty_list_gives_empty_list():
    assert running_total([]) == []


def test_single_number():
    assert running_total([5]) == [5]


def test_several_numbers():
    assert running_total([1, 2, 3, 4]) == [1, 3, 6, 10]


def test_negative_numbers():
    assert running_total([3, -4, 2]) == [3, -1, 1]


def test_a_balance_that_goes_back_to_zero():
    assert running_total([50, -20, -30, 10]) == [50, 30, 0, 10]


def test_floats():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point: compare with approx.
    result = running_total([0.1, 0.2, 0.3])
    assert len(result) == 3
    assert result[0] == pytest.approx(0.1)
    assert result[1] == pytest.approx(0.3)
    assert result[2] == pytest.approx(0.6)


def test_every_decimal_is_kept():
    assert running_total([0.001, 0.002, 1.5]) == pytest.approx([0.001, 0.003, 1.503])


def test_ints_and_floats_mixed():
    assert running_total([1, 0.5, 2]) == pytest.approx([1, 1.5, 3.5])


def test_accepts_a_tuple_and_returns_a_list():
    assert running_total((2, 2, 2)) == [2, 4, 6]


@pytest.mark.parametrize("numbers, expected", [((), []), ((7,), [7])], ids=["empty tuple", "one-number tuple"])
def test_a_short_tuple_still_gives_a_list(numbers, expected):
    assert running_total(numbers) == expected


def test_the_list_given_is_not_changed():
    numbers = [3, 1, 4]
    running_total(numbers)
    assert numbers == [3, 1, 4]


def test_a_statement_of_100000_lines():
    numbers = [(n % 7) - 3 for n in range(100_000)]
    result = running_total(numbers)
    assert len(result) == 100_000
    assert result[:8] == [-3, -5, -6, -6, -5, -3, 0, -3]
    assert result[-1] == sum(numbers)
