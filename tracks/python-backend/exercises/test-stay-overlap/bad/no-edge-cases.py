# Weak: the ordinary situations only; no boundary day, no zero-night stay, no invalid stay.
from datetime import date

from stays import overlaps


def d(day):
    return date(2024, 6, day)


def test_overlapping_either_way():
    assert overlaps(d(1), d(5), d(3), d(8)) is True
    assert overlaps(d(3), d(8), d(1), d(5)) is True


def test_inside():
    assert overlaps(d(1), d(20), d(5), d(7)) is True
    assert overlaps(d(5), d(7), d(1), d(20)) is True


def test_apart():
    assert overlaps(d(1), d(3), d(10), d(12)) is False
