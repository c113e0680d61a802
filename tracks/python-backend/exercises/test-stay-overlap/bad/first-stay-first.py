# Weak: every test passes the earlier stay first, so a check that only looks one way passes.
from datetime import date

import pytest

from stays import overlaps


def d(day):
    return date(2024, 6, day)


def test_partly_overlapping():
    assert overlaps(d(1), d(5), d(3), d(8)) is True


def test_apart():
    assert overlaps(d(1), d(3), d(10), d(12)) is False


def test_touching():
    assert overlaps(d(1), d(5), d(5), d(9)) is False


def test_zero_nights():
    assert overlaps(d(1), d(9), d(4), d(4)) is False


def test_backwards_stay():
    with pytest.raises(ValueError):
        overlaps(d(9), d(2), d(1), d(3))
