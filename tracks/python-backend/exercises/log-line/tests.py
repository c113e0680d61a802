import pytest

from solution import log_line


def test_words_and_fields():
    assert log_line("info", "user", "signed", "in", user="ada", ip="10.0.0.7") == "INFO user signed in user=ada ip=10.0.0.7"


def test_the_level_alone():
    assert log_line("debug") == "DEBUG"


@pytest.mark.parametrize("level, expected", [("info", "INFO"), ("Warning", "WARNING"), ("ERROR", "ERROR"), ("dEbUg", "DEBUG")])
def test_the_level_is_written_in_capitals(level, expected):
    assert log_line(level, "ok") == expected + " ok"


@pytest.mark.parametrize("level", ["warn", "critical", "", "info "])
def test_an_unknown_level_is_an_error(level):
    with pytest.raises(ValueError):
        log_line(level, "hello")


def test_fields_without_words_leave_no_double_space():
    assert log_line("warning", host="db1", free="2%") == "WARNING host=db1 free=2%"


def test_words_without_fields_leave_no_trailing_space():
    assert log_line("info", "cache", "warmed") == "INFO cache warmed"


def test_words_can_be_numbers():
    assert log_line("info", "request", "took", 12, "ms") == "INFO request took 12 ms"


def test_fields_keep_the_order_of_the_call():
    assert log_line("info", "paid", zone="eu", amount=30, currency="EUR", id=7) == "INFO paid zone=eu amount=30 currency=EUR id=7"


def test_a_value_with_a_space_is_quoted():
    assert log_line("error", "payment", "failed", customer="Grace Hopper", amount=12.5) == (
        'ERROR payment failed customer="Grace Hopper" amount=12.5'
    )


def test_an_empty_value_is_quoted():
    assert log_line("info", "saved", note="") == 'INFO saved note=""'


def test_a_none_value_leaves_the_field_out():
    assert log_line("info", "login", user="ada", session=None, ok=True) == "INFO login user=ada ok=True"


def test_accents_and_emoji_are_kept():
    assert log_line("info", "héllo", "🎉", city="Zürich") == "INFO héllo 🎉 city=Zürich"


def test_words_and_fields_from_a_list_and_a_dict():
    words = ["job", "done"]
    fields = {"job": "backup", "files": 1204}
    assert log_line("info", *words, **fields) == "INFO job done job=backup files=1204"
