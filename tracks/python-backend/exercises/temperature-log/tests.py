import pytest

from solution import LogError, read_log


def test_a_log_with_a_comment_a_blank_line_and_a_glitch():
    lines = ["# sensor 7\n", "08:00 12.5\n", "09:00 13.1\n", "\n", "10:00 ##!\n", "11:00 -0.5\n"]
    assert read_log(lines) == ([12.5, 13.1, -0.5], [5])


def test_an_empty_log():
    assert read_log([]) == ([], [])


def test_a_log_of_comments_and_blank_lines_only():
    assert read_log(["# nothing yet\n", "\n", "   \n", "  # indented comment\n"]) == ([], [])


def test_every_reading_is_a_float():
    readings, bad_lines = read_log(["06:00 7", "07:00 8"])
    assert readings == [7.0, 8.0]
    assert [type(value).__name__ for value in readings] == ["float", "float"]


def test_negative_signed_and_decimal_temperatures_are_good():
    assert read_log(["01:00 -3", "02:00 +0.5", "03:00 -12.25", "04:00 0"]) == ([-3.0, 0.5, -12.25, 0.0], [])


def test_the_first_line_is_line_1():
    assert read_log(["08:00 ???", "09:00 10", "10:00 11"]) == ([10.0, 11.0], [1])


def test_blank_and_comment_lines_count_in_the_line_numbers():
    lines = ["# start\n", "\n", "08:00 10\n", "\n", "# the sensor was moved\n", "09:00 ERR\n", "10:00 12\n"]
    assert read_log(lines) == ([10.0, 12.0], [6])


@pytest.mark.parametrize("bad", ["12:00 nan", "12:00 inf", "12:00 -inf", "12:00 NaN"])
def test_nan_and_inf_are_not_temperatures(bad):
    assert read_log(["11:00 10", bad, "13:00 11"]) == ([10.0, 11.0], [2])


@pytest.mark.parametrize(
    "bad",
    ["12:00 12,5", "12:00", "12:00 12.5 C", "12:00 1²", "12:00 12.5.1", "12.5"],
    ids=["decimal comma", "no temperature", "a third part", "superscript two", "two dots", "no time"],
)
def test_a_line_that_is_not_time_and_number_is_bad(bad):
    assert read_log(["11:00 10", bad, "13:00 11"]) == ([10.0, 11.0], [2])


def test_the_result_is_a_tuple_of_two_lists():
    result = read_log(["08:00 1"])
    assert type(result) == tuple, f"read_log returned a {type(result).__name__}, expected a tuple"
    assert result == ([1.0], [])


def test_exactly_half_bad_is_still_fine():
    assert read_log(["08:00 1", "09:00 x", "10:00 2", "11:00 y"]) == ([1.0, 2.0], [2, 4])


def test_more_than_half_bad_raises_log_error():
    with pytest.raises(LogError, match="2 of 3"):
        read_log(["08:00 nan", "09:00 oops", "10:00 4.2"])


def test_comments_do_not_count_when_deciding_more_than_half():
    with pytest.raises(LogError, match="3 of 4"):
        read_log(["# a", "# b", "# c", "# d", "1 x", "2 y", "3 z", "4 5"])


def test_a_log_of_garbage_only_raises_log_error():
    with pytest.raises(LogError):
        read_log(["¯\\_(ツ)_/¯"])


def test_a_day_of_readings():
    lines = [f"{hour:02d}:{minute:02d} {hour - 5}.{minute // 10}\n" for hour in range(24) for minute in range(0, 60, 10)]
    lines[17] = "02:50 sensor reset\n"
    readings, bad_lines = read_log(lines)
    assert bad_lines == [18]
    assert len(readings) == 143
    assert readings[0] == -5.0
    assert readings[-1] == 18.5
