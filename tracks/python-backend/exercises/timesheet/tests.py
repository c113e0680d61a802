import pytest

from solution import total_time


def test_two_entries():
    assert total_time([("emails", 0, 45), ("report", 1, 30)]) == (2, 15)


def test_no_entries_is_zero():
    assert total_time([]) == (0, 0)


def test_one_entry_is_returned_as_it_is():
    assert total_time([("design", 3, 5)]) == (3, 5)


def test_minutes_that_add_up_to_exactly_an_hour():
    assert total_time([("standup", 0, 15), ("review", 0, 45)]) == (1, 0)


def test_six_ten_minute_calls_make_exactly_one_hour():
    assert total_time([(f"call {n}", 0, 10) for n in range(6)]) == (1, 0)


def test_minutes_that_add_up_to_several_hours():
    assert total_time([("call", 0, 50), ("fix", 0, 55), ("deploy", 0, 45), ("docs", 0, 40)]) == (3, 10)


def test_a_full_week():
    week = [(f"day {n}", 7, 48) for n in range(1, 6)]
    assert total_time(week) == (39, 0), "five days of 7 hours 48 minutes"


def test_the_result_is_a_tuple_not_a_list():
    result = total_time([("emails", 0, 30)])
    assert type(result) == tuple, f"total_time returned {result!r}, a {type(result).__name__}; expected a tuple"


def test_the_entries_may_come_as_a_tuple():
    assert total_time((("sketch", 1, 20), ("paint", 2, 50))) == (4, 10)


def test_a_long_year():
    year = [("café work ☕", 8, 59)] * 220
    assert total_time(year) == (1976, 20), "220 days of 8 hours 59 minutes"


@pytest.mark.parametrize(
    "entry",
    [("call", 0, 60), ("call", 0, 75), ("call", 1, -5), ("call", -1, 0)],
    ids=["60 minutes", "75 minutes", "negative minutes", "negative hours"],
)
def test_an_impossible_entry_is_an_error_naming_its_task(entry):
    with pytest.raises(ValueError, match="call"):
        total_time([("emails", 0, 30), entry])
