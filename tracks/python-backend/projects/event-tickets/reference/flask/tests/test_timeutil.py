import pytest

from tickets.timeutil import parse_start


def test_a_utc_time_comes_back_as_it_was():
    assert parse_start("2031-06-01T18:00:00Z") == "2031-06-01T18:00:00Z"


def test_seconds_may_be_left_out():
    assert parse_start("2031-06-01T18:00Z") == "2031-06-01T18:00:00Z"


def test_a_time_without_offset_is_refused():
    with pytest.raises(ValueError, match="offset"):
        parse_start("2031-06-01T18:00:00")


@pytest.mark.parametrize("text", ["", "tomorrow", "2031-13-01T18:00:00Z", None, 20310601])
def test_what_is_not_a_time_is_refused(text):
    with pytest.raises(ValueError):
        parse_start(text)
