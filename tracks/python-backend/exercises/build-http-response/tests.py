import pytest

from solution import build_response


def test_status_line_headers_and_body():
    assert build_response(200, {"Content-Type": "text/plain"}, b"Hello") == (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello"
    )


def test_no_headers_and_no_body():
    assert build_response(404) == b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize(
    "status, line",
    [(201, b"HTTP/1.1 201 Created\r\n"), (301, b"HTTP/1.1 301 Moved Permanently\r\n"),
     (422, b"HTTP/1.1 422 Unprocessable Entity\r\n"), (503, b"HTTP/1.1 503 Service Unavailable\r\n")],
)
def test_reason_phrases(status, line):
    assert build_response(status).startswith(line)


def test_an_unknown_code_gets_an_empty_reason_but_keeps_the_space():
    assert build_response(299) == b"HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n"


def test_a_text_body_is_utf8_and_its_length_counts_bytes():
    got = build_response(200, {"Content-Type": "text/plain; charset=utf-8"}, "naïve ☕")
    assert got == (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: 10\r\n\r\nna\xc3\xafve \xe2\x98\x95"
    )


def test_binary_body_is_sent_as_it_is():
    body = bytes(range(256))
    got = build_response(200, {"Content-Type": "application/octet-stream"}, body)
    assert got.endswith(b"Content-Length: 256\r\n\r\n" + body)


def test_headers_keep_their_order_and_int_values_are_written_as_numbers():
    got = build_response(503, {"Retry-After": 120, "X-B": "2", "X-A": "1"})
    assert got == (
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\nX-B: 2\r\nX-A: 1\r\n"
        b"Content-Length: 0\r\n\r\n"
    )


def test_a_given_content_length_is_replaced_by_the_real_one():
    got = build_response(200, {"content-length": "999", "X-Id": "7"}, b"abc")
    assert got == b"HTTP/1.1 200 OK\r\nX-Id: 7\r\nContent-Length: 3\r\n\r\nabc"


def test_no_content_has_no_content_length():
    assert build_response(204, {"X-Done": "yes"}) == b"HTTP/1.1 204 No Content\r\nX-Done: yes\r\n\r\n"


def test_not_modified_and_informational_responses_have_no_content_length():
    assert build_response(304, {"ETag": '"v1"'}) == b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n'
    assert build_response(100) == b"HTTP/1.1 100 Continue\r\n\r\n"


@pytest.mark.parametrize("status", [204, 304, 101])
def test_a_body_on_a_response_that_has_none_is_an_error(status):
    with pytest.raises(ValueError):
        build_response(status, {}, b"oops")


@pytest.mark.parametrize(
    "headers",
    [{"Location": "/next\r\nSet-Cookie: admin=1"}, {"X-Note": "one\ntwo"}, {"X-Bad\r\nName": "v"}],
    ids=["CRLF in a value", "LF in a value", "CRLF in a name"],
)
def test_a_line_break_in_a_header_is_an_error(headers):
    with pytest.raises(ValueError):
        build_response(302, headers)


@pytest.mark.parametrize("status", [99, 600, 0, -200, "200", 200.0, None])
def test_a_status_that_is_not_an_int_from_100_to_599_is_an_error(status):
    with pytest.raises(ValueError):
        build_response(status)
