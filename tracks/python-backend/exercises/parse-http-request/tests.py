import pytest

from solution import parse_request


def test_a_simple_get():
    assert parse_request(b"GET /hello HTTP/1.1\r\nHost: example.com\r\nAccept: text/html\r\n\r\n") == {
        "method": "GET",
        "target": "/hello",
        "version": "HTTP/1.1",
        "headers": {"host": "example.com", "accept": "text/html"},
        "body": b"",
    }


def test_no_headers_at_all():
    assert parse_request(b"DELETE /tasks/3?force=1 HTTP/1.0\r\n\r\n") == {
        "method": "DELETE",
        "target": "/tasks/3?force=1",
        "version": "HTTP/1.0",
        "headers": {},
        "body": b"",
    }


def test_header_names_are_lower_case_and_values_are_trimmed():
    got = parse_request(b"GET / HTTP/1.1\r\nUSER-AGENT:   curl/8.0  \r\nX-Request-ID:\tabc\t\r\n\r\n")
    assert got["headers"] == {"user-agent": "curl/8.0", "x-request-id": "abc"}


def test_a_value_may_contain_colons():
    got = parse_request(b"GET / HTTP/1.1\r\nHost: example.com:8080\r\nReferer: http://a.test/x\r\n\r\n")
    assert got["headers"] == {"host": "example.com:8080", "referer": "http://a.test/x"}


def test_no_space_after_the_colon_and_empty_values_are_fine():
    got = parse_request(b"GET / HTTP/1.1\r\nHost:example.com\r\nX-Empty:\r\n\r\n")
    assert got["headers"] == {"host": "example.com", "x-empty": ""}


def test_repeated_headers_are_joined_in_order():
    got = parse_request(b"GET / HTTP/1.1\r\nAccept: text/html\r\nX-Tag: b\r\naccept: application/json\r\nX-TAG: a\r\n\r\n")
    assert got["headers"] == {"accept": "text/html, application/json", "x-tag": "b, a"}


def test_folded_lines_continue_the_previous_value():
    got = parse_request(b"GET / HTTP/1.1\r\nX-Long: first part\r\n   second part\r\n\tthird\r\nHost: a\r\n\r\n")
    assert got["headers"] == {"x-long": "first part second part third", "host": "a"}


def test_the_head_is_iso_8859_1():
    got = parse_request(b"GET / HTTP/1.1\r\nX-Name: Jos\xe9\r\n\r\n")
    assert got["headers"] == {"x-name": "José"}


def test_body_of_content_length_bytes():
    got = parse_request(b"POST /notes HTTP/1.1\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello")
    assert got["body"] == b"hello"
    assert got["headers"]["content-length"] == "5"


def test_a_binary_body_may_contain_anything():
    body = b"\x00\xff\xfe\r\n\r\nnot a header: no\r\n\xe9"
    raw = b"PUT /blob HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    assert parse_request(raw)["body"] == body


def test_bytes_after_the_body_belong_to_the_next_request():
    raw = b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n\r\n"
    assert parse_request(raw)["body"] == b"abc"


def test_without_content_length_the_body_is_empty():
    assert parse_request(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nleftover")["body"] == b""


def test_content_length_zero():
    assert parse_request(b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")["body"] == b""


def test_content_length_with_spaces_around_it():
    assert parse_request(b"POST / HTTP/1.1\r\nContent-Length:  2 \r\n\r\nok")["body"] == b"ok"


def test_a_body_shorter_than_content_length_is_incomplete():
    with pytest.raises(ValueError):
        parse_request(b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort")


@pytest.mark.parametrize(
    "value",
    [b"-1", b"+5", b"1_0", b"\xb2", b"5, 6", b"five", b"0x10", b"1.0"],
    ids=["negative", "plus sign", "underscore", "superscript two (latin-1)", "two values",
         "a word", "hex", "decimal point"],
)
def test_a_content_length_that_is_not_plain_digits_is_refused(value):
    with pytest.raises(ValueError):
        parse_request(b"POST / HTTP/1.1\r\nContent-Length: " + value + b"\r\n\r\n0123456789")


def test_content_length_twice_with_different_values_is_refused():
    with pytest.raises(ValueError):
        parse_request(b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n0123456789")


@pytest.mark.parametrize(
    "request_line",
    [b"GET /", b"GET  / HTTP/1.1", b"GET / HTTP/2.0", b"GET / HTTP/1.2", b"GET / HTTP/1.", b"GET / HTTP/1.1 extra",
     b"GET / http/1.1", b""],
    ids=["two parts", "double space", "HTTP/2.0", "HTTP/1.2", "HTTP/1. alone", "four parts", "lower-case version", "empty"],
)
def test_a_broken_request_line_is_refused(request_line):
    with pytest.raises(ValueError):
        parse_request(request_line + b"\r\nHost: a\r\n\r\n")


@pytest.mark.parametrize(
    "line",
    [b"no colon here", b"Host : example.com", b": no name", b"Bad\tName: x"],
    ids=["no colon", "space before the colon", "empty name", "tab in the name"],
)
def test_a_broken_header_line_is_refused(line):
    with pytest.raises(ValueError):
        parse_request(b"GET / HTTP/1.1\r\n" + line + b"\r\n\r\n")


def test_a_continuation_line_before_any_header_is_refused():
    with pytest.raises(ValueError):
        parse_request(b"GET / HTTP/1.1\r\n  folded\r\nHost: a\r\n\r\n")


def test_a_request_without_the_empty_line_is_incomplete():
    with pytest.raises(ValueError):
        parse_request(b"GET / HTTP/1.1\r\nHost: example.com\r\n")
