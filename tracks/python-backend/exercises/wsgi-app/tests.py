import pytest

import solution

TEXT = "text/plain; charset=utf-8"


def client():
    try:
        wrap, make_client, app = solution.validator, solution.Client, solution.app
    except AttributeError as error:
        pytest.fail(
            "solution.py must define app(environ, start_response) and keep the two lines "
            "`from wsgiref.validate import validator` and `from werkzeug.test import Client` "
            f"at its top: the tests send their requests with them ({error})"
        )
    return make_client(wrap(app))


def send(method, path, **options):
    """Send one request; return (status, headers as a dict, body bytes)."""
    response = client().open(path, method=method, **options)
    try:
        return response.status, dict(response.headers.to_wsgi_list()), response.get_data()
    finally:
        response.close()


def test_hello_world():
    assert send("GET", "/hello") == ("200 OK", {"Content-Type": TEXT, "Content-Length": "13"}, b"Hello, world!")


def test_hello_with_a_name():
    assert send("GET", "/hello?name=Grace") == ("200 OK", {"Content-Type": TEXT, "Content-Length": "13"}, b"Hello, Grace!")


def test_the_name_is_decoded_and_content_length_counts_bytes():
    body = "Hello, Zoë Ng!".encode("utf-8")
    assert send("GET", "/hello?name=Zo%C3%AB+Ng") == ("200 OK", {"Content-Type": TEXT, "Content-Length": "15"}, body)


def test_the_first_name_counts_and_other_parameters_are_ignored():
    assert send("GET", "/hello?lang=fr&name=Bo&name=Al")[2] == b"Hello, Bo!"


@pytest.mark.parametrize("query", ["?name=", "?other=1", "?"])
def test_an_empty_or_missing_name_greets_the_world(query):
    assert send("GET", "/hello" + query)[2] == b"Hello, world!"


def test_echo_returns_the_body_and_its_content_type():
    body = '{"note": "café"}'.encode("utf-8")
    assert send("POST", "/echo", data=body, content_type="application/json") == (
        "200 OK", {"Content-Type": "application/json", "Content-Length": "17"}, body,
    )


def test_echo_keeps_binary_bodies_byte_for_byte():
    body = bytes(range(256)) * 4
    status, headers, got = send("POST", "/echo", data=body, content_type="image/png")
    assert (status, headers["Content-Length"], got == body) == ("200 OK", "1024", True)


def test_echo_without_a_content_type_says_octet_stream():
    status, headers, body = send("POST", "/echo", data=b"raw bytes")
    assert (status, headers, body) == ("200 OK", {"Content-Type": "application/octet-stream", "Content-Length": "9"}, b"raw bytes")


def test_echo_without_a_body_has_no_content_length_in_the_request():
    # werkzeug sends no CONTENT_LENGTH at all for a POST without data.
    assert send("POST", "/echo") == ("200 OK", {"Content-Type": "application/octet-stream", "Content-Length": "0"}, b"")


def test_echo_with_an_empty_content_length():
    status, headers, body = send("POST", "/echo", environ_overrides={"CONTENT_LENGTH": ""})
    assert (status, headers["Content-Length"], body) == ("200 OK", "0", b"")


def test_echo_of_a_large_body():
    body = b"0123456789abcdef" * 20_000
    status, headers, got = send("POST", "/echo", data=body, content_type="text/plain")
    assert (status, headers["Content-Length"], len(got), got == body) == ("200 OK", "320000", 320000, True)


@pytest.mark.parametrize("method, path, allow", [("POST", "/hello", "GET"), ("DELETE", "/hello", "GET"), ("GET", "/echo", "POST"), ("PUT", "/echo", "POST")])
def test_another_method_gets_405_with_allow(method, path, allow):
    assert send(method, path) == (
        "405 Method Not Allowed", {"Content-Type": TEXT, "Content-Length": "18", "Allow": allow}, b"Method not allowed",
    )


@pytest.mark.parametrize("path", ["/", "/hello/", "/Hello", "/echo/x", "/helloworld", "/favicon.ico"])
def test_any_other_path_gets_404(path):
    assert send("GET", path) == ("404 Not Found", {"Content-Type": TEXT, "Content-Length": "9"}, b"Not found")


def test_one_app_answers_many_requests():
    assert [send("GET", f"/hello?name=n{i}")[2] for i in range(3)] == [b"Hello, n0!", b"Hello, n1!", b"Hello, n2!"]
