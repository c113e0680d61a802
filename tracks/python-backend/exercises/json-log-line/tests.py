import json

from solution import json_log_line


def record(**fields):
    base = {"name": "billing.invoices", "levelname": "WARNING", "levelno": 30, "msg": "late", "args": [], "created": 1767225600.5}
    base.update(fields)
    return base


def parse(rec):
    line = json_log_line(rec)
    assert isinstance(line, str), f"json_log_line should return a str, got {type(line).__name__}"
    assert "\n" not in line and "\r" not in line, f"the line holds a line break: {line!r}"
    try:
        return json.loads(line)
    except ValueError:
        raise AssertionError(f"not valid JSON: {line!r}")


def check(rec, expected):
    got = parse(rec)
    assert list(got.items()) == list(expected.items()), (
        f"for the record {rec!r}\n expected {expected!r}\n got      {got!r}"
    )


def test_readme_example():
    rec = {"name": "shop.orders", "levelname": "INFO", "levelno": 20, "msg": "order %s paid", "args": [42],
           "created": 1764979200.25, "lineno": 17, "order_id": 42, "amount": "19.90"}
    check(rec, {"time": "2025-12-06T00:00:00.250Z", "level": "INFO", "logger": "shop.orders",
                "message": "order 42 paid", "amount": "19.90", "order_id": 42})


def test_standard_attributes_are_not_extra_fields():
    rec = record(pathname="/srv/app/billing.py", filename="billing.py", module="billing", lineno=88,
                 funcName="send", msecs=500.0, relativeCreated=12.5, thread=1, threadName="MainThread",
                 processName="MainProcess", process=7, taskName=None, exc_info=None, exc_text=None,
                 stack_info=None, levelno=30)
    check(rec, {"time": "2026-01-01T00:00:00.500Z", "level": "WARNING", "logger": "billing.invoices", "message": "late"})


def test_extras_sorted_by_name_with_their_json_types():
    rec = record(user_id=7, retry=False, ratio=0.25, tags=["a", "b"], customer={"id": 3}, note=None)
    check(rec, {"time": "2026-01-01T00:00:00.500Z", "level": "WARNING", "logger": "billing.invoices", "message": "late",
                "customer": {"id": 3}, "note": None, "ratio": 0.25, "retry": False, "tags": ["a", "b"], "user_id": 7})


def test_values_json_cannot_hold_become_text():
    got = parse(record(raw=b"\x00ok", ids={5}))
    assert (got["ids"], got["raw"]) == ("{5}", "b'\\x00ok'"), f"got ids={got['ids']!r} raw={got['raw']!r}"


def test_extra_named_like_an_output_key_is_renamed():
    check(record(level="vip", time=3, logger="x"), {
        "time": "2026-01-01T00:00:00.500Z", "level": "WARNING", "logger": "billing.invoices", "message": "late",
        "extra_level": "vip", "extra_logger": "x", "extra_time": 3})


def test_message_formatting_with_list_and_dict_args():
    assert parse(record(msg="%s paid %.2f EUR", args=["Ada", 19.9]))["message"] == "Ada paid 19.90 EUR"
    assert parse(record(msg="user %(user)s logged in", args={"user": "lin"}))["message"] == "user lin logged in"


def test_percent_without_args_is_kept():
    assert parse(record(msg="disk 95% full", args=[]))["message"] == "disk 95% full"


def test_bad_arguments_do_not_crash_the_log():
    got = parse(record(msg="%s and %s", args=["one"]))["message"]
    assert got == "%s and %s (bad log arguments: ['one'])", f"got {got!r}"
    got = parse(record(msg="%(user)s", args={"id": 1}))["message"]
    assert got == "%(user)s (bad log arguments: {'id': 1})", f"got {got!r}"


def test_time_is_utc_and_milliseconds_are_cut_not_rounded():
    assert parse(record(created=1767225599.99951171875))["time"] == "2025-12-31T23:59:59.999Z"
    assert parse(record(created=951782400.125))["time"] == "2000-02-29T00:00:00.125Z"
    assert parse(record(created=1700000000))["time"] == "2023-11-14T22:13:20.000Z"


def test_exception_comes_last_and_stays_on_one_line():
    tb = 'Traceback (most recent call last):\n  File "app.py", line 3\nZeroDivisionError: division by zero\n'
    got = parse(record(exc_text=tb, order=9, levelname="ERROR"))
    assert list(got) == ["time", "level", "logger", "message", "order", "exception"], f"keys {list(got)}"
    assert got["exception"] == tb, f"got {got['exception']!r}"


def test_empty_exception_text_is_left_out():
    assert "exception" not in parse(record(exc_text="")), "an empty exc_text should give no 'exception' key"
