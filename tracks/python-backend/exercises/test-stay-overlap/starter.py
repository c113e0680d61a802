from datetime import date

from stays import overlaps


def test_stays_a_week_apart_do_not_overlap():
    assert overlaps(date(2024, 6, 1), date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 12)) is False


# Add your tests below: one test per situation, each named for what it checks.
