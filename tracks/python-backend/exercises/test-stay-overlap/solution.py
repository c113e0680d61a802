from datetime import date

import pytest

from stays import overlaps


def d(day):
    return date(2024, 6, day)


def test_stays_a_week_apart_do_not_overlap():
    assert overlaps(d(1), d(3), d(10), d(12)) is False


def test_second_stay_starting_during_the_first_overlaps():
    assert overlaps(d(1), d(5), d(3), d(8)) is True


def test_second_stay_ending_during_the_first_overlaps():
    assert overlaps(d(3), d(8), d(1), d(5)) is True


def test_stay_inside_another_overlaps_whichever_comes_first():
    assert overlaps(d(1), d(20), d(5), d(7)) is True
    assert overlaps(d(5), d(7), d(1), d(20)) is True


def test_starting_on_the_check_out_day_does_not_overlap():
    assert overlaps(d(1), d(5), d(5), d(9)) is False
    assert overlaps(d(5), d(9), d(1), d(5)) is False


def test_zero_night_stay_overlaps_nothing():
    assert overlaps(d(4), d(4), d(1), d(9)) is False
    assert overlaps(d(1), d(9), d(4), d(4)) is False


def test_stay_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        overlaps(d(9), d(2), d(1), d(3))
    with pytest.raises(ValueError):
        overlaps(d(1), d(3), d(9), d(2))
