import calendar

import pytest

from solution import palindrome_dates


def expected_dates(first_year, last_year):
    # Another way to the same answer: start from every month and day of a leap year; the
    # digits of MMDD, reversed, are the only year in which that day is a palindrome.
    found = []
    for month in range(1, 13):
        for day in range(1, calendar.monthrange(2000, month)[1] + 1):
            year = int(f"{month:02d}{day:02d}"[::-1])
            if (month, day) == (2, 29) and not calendar.isleap(year):
                continue
            if first_year <= year <= last_year:
                found.append(f"{year:04d}-{month:02d}-{day:02d}")
    return sorted(found)


def test_the_example_from_the_instructions():
    assert palindrome_dates(2020, 2021) == ["2020-02-02", "2021-12-02"]


def test_a_year_without_a_palindrome_date():
    assert palindrome_dates(2022, 2022) == []


def test_the_last_year_is_included():
    assert palindrome_dates(2019, 2020) == ["2020-02-02"]


def test_a_single_year_with_zeros_in_month_and_day():
    assert palindrome_dates(2090, 2090) == ["2090-09-02"]


def test_days_that_do_not_exist_are_left_out():
    # 1311 would give 31 November, 1320 31 February, 1340 31 April: none of them exist.
    assert palindrome_dates(1300, 1399) == ["1301-10-31", "1310-01-31", "1321-12-31", "1330-03-31", "1350-05-31", "1370-07-31", "1380-08-31"]


def test_29_february_in_a_leap_year_counts():
    assert palindrome_dates(9220, 9220) == ["9220-02-29"]


def test_first_year_after_last_year_gives_no_dates():
    assert palindrome_dates(2021, 2020) == []


@pytest.mark.parametrize("first_year, last_year", [(999, 2000), (2000, 10_000), (0, 0)])
def test_years_outside_1000_to_9999_raise_value_error(first_year, last_year):
    with pytest.raises(ValueError):
        palindrome_dates(first_year, last_year)


def test_the_whole_range_of_years():
    got = palindrome_dates(1000, 9999)
    expected = expected_dates(1000, 9999)
    assert got == expected, (
        f"palindrome_dates(1000, 9999): expected {len(expected)} dates, from {expected[:2]} to {expected[-2:]}; "
        f"got {len(got)}" + (f", from {got[:2]} to {got[-2:]}" if got else "")
    )


def test_a_range_in_the_middle():
    assert palindrome_dates(4321, 6789) == expected_dates(4321, 6789)
