import pytest

from solution import read_json_body

JSON = {"Content-Type": "application/json"}


def status_of(headers, body, **limits):
    result = read_json_body(headers, body, **limits)
    assert type(result) is tuple and len(result) == 2, f"expected a (status, result) tuple, got {result!r}"
    status, detail = result
    if status != 200:
        assert type(detail) is str and detail, f"status {status} needs a non-empty message, got {detail!r}"
    return status


def test_a_json_object():
    assert read_json_body(JSON, b'{"title": "Buy milk", "done": false}') == (200, {"title": "Buy milk", "done": False})


def test_nested_values_and_unicode():
    body = '{"name": "Zoë", "tags": ["café", "\\u2615"], "size": {"w": 1.5, "h": null}}'.encode("utf-8")
    assert read_json_body(JSON, body) == (200, {"name": "Zoë", "tags": ["café", "☕"], "size": {"w": 1.5, "h": None}})


def test_an_empty_object():
    assert read_json_body(JSON, b"  {}  ") == (200, {})


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=utf-8", "Application/JSON; Charset=UTF-8", " application/json ;charset=utf-8 ",
     "application/problem+json", "application/vnd.api+json; charset=utf-8"],
)
def test_json_content_types_are_accepted(content_type):
    assert read_json_body({"Content-Type": content_type}, b'{"a": 1}') == (200, {"a": 1})


@pytest.mark.parametrize("name", ["content-type", "CONTENT-TYPE", "Content-type"])
def test_the_header_name_may_be_in_any_case(name):
    assert read_json_body({name: "application/json"}, b'{"a": 1}') == (200, {"a": 1})


@pytest.mark.parametrize(
    "headers",
    [{}, {"Content-Type": "text/plain"}, {"Content-Type": "application/jsonp"}, {"Content-Type": "application/json-seq"},
     {"Content-Type": "application/x-www-form-urlencoded"}, {"Content-Type": "text/json+json"},
     {"Content-Type": "json"}, {"Content-Type": "application/json; charset=latin-1"},
     {"Content-Type": "application/json; charset=utf-16"}, {"Accept": "application/json"}],
    ids=["no header", "text/plain", "jsonp", "json-seq", "form", "not application", "no slash",
         "latin-1", "utf-16", "only Accept"],
)
def test_other_content_types_get_415(headers):
    assert status_of(headers, b'{"a": 1}') == 415


def test_a_body_of_exactly_the_limit_is_fine():
    body = b'{"a": "' + b"x" * 91 + b'"}'
    assert len(body) == 100
    assert read_json_body(JSON, body, max_bytes=100) == (200, {"a": "x" * 91})


def test_one_byte_over_the_limit_gets_413():
    assert status_of(JSON, b'{"a": "' + b"x" * 92 + b'"}', max_bytes=100) == 413


def test_the_limit_counts_bytes_not_characters():
    body = '{"a": "é"}'.encode("utf-8")   # 11 bytes, 10 characters
    assert status_of(JSON, body, max_bytes=10) == 413


def test_size_is_checked_before_the_json_is_read():
    assert status_of(JSON, b"[" * 5000, max_bytes=1000) == 413


def test_content_type_is_checked_before_size():
    assert status_of({"Content-Type": "text/plain"}, b"x" * 2000, max_bytes=1000) == 415


@pytest.mark.parametrize(
    "body",
    [b'{"name": "caf\xe9"}', b"\xff\xfe{}", '{"a": 1}'.encode("utf-16"), '{"a": 1}'.encode("utf-32")],
    ids=["latin-1 byte", "invalid bytes", "utf-16", "utf-32"],
)
def test_a_body_that_is_not_utf8_gets_400(body):
    assert status_of(JSON, body) == 400


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"{", b"{'a': 1}", b'{"a": 1,}', b"{a: 1}", b'{"a": 1} {"b": 2}', b'{"a": undefined}'],
    ids=["empty", "spaces", "unclosed", "single quotes", "trailing comma", "bare key", "two values", "undefined"],
)
def test_broken_json_gets_400(body):
    assert status_of(JSON, body) == 400


@pytest.mark.parametrize("body", [b'{"a": NaN}', b'{"a": Infinity}', b'{"a": [-Infinity]}'], ids=["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(body):
    assert status_of(JSON, body) == 400


@pytest.mark.parametrize(
    "body",
    [b'{"role": "user", "role": "admin"}', b'{"user": {"id": 1, "id": 2}}', b'{"list": [{"k": 1, "k": 1}]}'],
    ids=["top level", "nested", "inside a list, same value"],
)
def test_an_object_with_a_repeated_key_gets_400(body):
    assert status_of(JSON, body) == 400


def test_the_same_key_in_two_different_objects_is_fine():
    assert read_json_body(JSON, b'{"a": {"id": 1}, "b": {"id": 2}}') == (200, {"a": {"id": 1}, "b": {"id": 2}})


@pytest.mark.parametrize(
    "body", [b"[1, 2]", b'"text"', b"42", b"true", b"null", b"[]"],
    ids=["list", "string", "number", "true", "null", "empty list"],
)
def test_a_json_value_that_is_not_an_object_gets_422(body):
    assert status_of(JSON, body) == 422
