import pytest

from solution import late_fee


def test_returned_early_costs_nothing():
    assert late_fee("2024-03-01", "2024-03-20") == 0


def test_returned_the_same_day_costs_nothing():
    assert late_fee("2024-03-01", "2024-03-01") == 0


def test_returned_on_the_due_date_costs_nothing():
    assert late_fee("2024-03-01", "2024-03-22") == 0


def test_one_day_late():
    assert late_fee("2024-03-01", "2024-03-23") == 25


def test_the_sunday_in_between_is_free():
    assert late_fee("2024-03-01", "2024-03-25") == 50


def test_a_sunday_just_after_the_due_date_is_free():
    # Borrowed Saturday 20 January: due Saturday 10 February.
    assert late_fee("2024-01-20", "2024-02-11") == 0
    assert late_fee("2024-01-20", "2024-02-12") == 25


def test_a_monday_is_not_free():
    # Due Sunday 14 April; Monday 15 April is a day late.
    assert late_fee("2024-03-24", "2024-04-15") == 25


def test_the_due_date_crosses_into_another_month():
    # Borrowed 20 December 2023: due Wednesday 10 January 2024.
    assert late_fee("2023-12-20", "2024-01-10") == 0
    assert late_fee("2023-12-20", "2024-01-12") == 50


def test_a_leap_year_has_a_29_february():
    # Borrowed 8 February 2024: due 29 February, not 1 March.
    assert late_fee("2024-02-08", "2024-02-29") == 0
    assert late_fee("2024-02-08", "2024-03-01") == 25


def test_a_year_that_is_not_a_leap_year_has_no_29_february():
    # Borrowed 8 February 2023: due 1 March.
    assert late_fee("2023-02-08", "2023-03-01") == 0
    assert late_fee("2023-02-08", "2023-03-02") == 25


def test_two_weeks_late():
    # Due Friday 22 March; returned Friday 5 April: 14 days, 2 of them Sundays.
    assert late_fee("2024-03-01", "2024-04-05") == 12 * 25


def test_another_loan_period():
    assert late_fee("2024-03-01", "2024-03-08", loan_days=7) == 0
    assert late_fee("2024-03-01", "2024-03-11", loan_days=7) == 50


def test_the_fee_stops_at_1500():
    assert late_fee("2023-01-02", "2024-01-02") == 1500


def test_the_fee_just_below_and_at_the_maximum():
    # Due Friday 22 March. The 59th day late that is not a Sunday is Thursday 30 May
    # (1475 cents); the 60th is Friday 31 May (1500 cents), and then the fee stops.
    assert late_fee("2024-03-01", "2024-05-30") == 1475
    assert late_fee("2024-03-01", "2024-05-31") == 1500
    assert late_fee("2024-03-01", "2024-06-01") == 1500


def test_returned_before_it_was_borrowed_is_an_error():
    with pytest.raises(ValueError):
        late_fee("2024-03-10", "2024-03-09")


@pytest.mark.parametrize("borrowed, returned", [("2024-02-30", "2024-03-30"), ("2024-03-01", "soon"), ("", "2024-03-01")])
def test_a_date_that_is_not_a_real_date_is_an_error(borrowed, returned):
    with pytest.raises(ValueError):
        late_fee(borrowed, returned)


@pytest.mark.parametrize("loan_days", [0, -7])
def test_a_loan_period_below_1_is_an_error(loan_days):
    with pytest.raises(ValueError):
        late_fee("2024-03-01", "2024-03-30", loan_days=loan_days)
