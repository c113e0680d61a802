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


def test_floats():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point: compare with approx.
    result = running_total([0.1, 0.2, 0.3])
    assert len(result) == 3
    assert result[0] == pytest.approx(0.1)
    assert result[1] == pytest.approx(0.3)
    assert result[2] == pytest.approx(0.6)


def test_accepts_a_tuple_and_returns_a_list():
    assert running_total((2, 2, 2)) == [2, 4, 6]
