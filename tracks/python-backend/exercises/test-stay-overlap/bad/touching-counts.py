# Wrong expectation: counts the check-out day as a night, so it fails on the correct code.
from datetime import date

from stays import overlaps


def test_back_to_back_stays_overlap():
    assert overlaps(date(2024, 6, 1), date(2024, 6, 5), date(2024, 6, 5), date(2024, 6, 9)) is True


def test_separate_stays():
    assert overlaps(date(2024, 6, 1), date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 12)) is False
