import re

import pytest

import solution


def send(app_name, headers=None):
    """Wrap the starter's app with the middleware, send GET /; return (status, headers list, body)."""
    try:
        wrap, make_client, middleware = solution.validator, solution.Client, solution.request_id_middleware
        app = getattr(solution, app_name)
    except AttributeError as error:
        pytest.fail(
            "solution.py must define request_id_middleware(app), keep the two imports at its top "
            f"and the six apps of the starter: the tests use them ({error})"
        )
    response = make_client(wrap(middleware(app))).get("/", headers=headers or {})
    try:
        return response.status, response.headers.to_wsgi_list(), response.get_data()
    finally:
        response.close()


def ids_in(headers):
    return [value for name, value in headers if name.lower() == "x-request-id"]


def is_new_id(value):
    return re.fullmatch("[0-9a-f]{32}", value) is not None


def test_a_request_without_an_id_gets_a_new_one():
    status, headers, body = send("hello_app")
    assert (status, body) == ("200 OK", b"Hello!")
    [request_id] = ids_in(headers)
    assert is_new_id(request_id), f"expected 32 lowercase hex characters (uuid4().hex), got {request_id!r}"


def test_the_header_comes_after_the_apps_headers():
    _, headers, _ = send("hello_app", {"X-Request-Id": "req-1"})
    assert headers == [("Content-Type", "text/plain"), ("Content-Length", "6"), ("X-Request-Id", "req-1")]


def test_two_requests_get_two_different_ids():
    first, second = ids_in(send("hello_app")[1]), ids_in(send("hello_app")[1])
    assert len(first) == len(second) == 1 and first != second


def test_the_app_sees_the_same_id_as_the_client():
    _, headers, body = send("whoami_app")
    assert [body.decode()] == ids_in(headers)


@pytest.mark.parametrize("incoming", ["abc-123", "A_b-C", "7", "x" * 64, "0f8fad5b-d9cb-469f-a165-70867728950e"])
def test_an_acceptable_incoming_id_is_kept(incoming):
    _, headers, body = send("whoami_app", {"X-Request-Id": incoming})
    assert (ids_in(headers), body) == ([incoming], incoming.encode())


@pytest.mark.parametrize(
    "incoming",
    ["", "x" * 65, "has space", "a/b", "../../etc", "café", "١٢٣", "ＡＢＣ", "id;drop", "<script>"],
    ids=["empty", "65 characters", "space", "slash", "dots and slashes", "accent", "arabic-indic digits",
         "fullwidth letters", "semicolon", "angle brackets"],
)
def test_an_unacceptable_incoming_id_is_replaced(incoming):
    _, headers, body = send("whoami_app", {"X-Request-Id": incoming})
    [request_id] = ids_in(headers)
    assert request_id != incoming and is_new_id(request_id), f"sent X-Request-Id {incoming!r}, got {request_id!r}"
    assert body == request_id.encode()


def test_the_apps_own_id_is_replaced_and_the_rest_passes_through():
    status, headers, body = send("own_id_app", {"X-Request-Id": "from-proxy"})
    assert (status, headers, body) == (
        "201 Created",
        [("Content-Type", "application/json"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Request-Id", "from-proxy")],
        b"{}",
    )


def test_a_generator_app_that_starts_its_response_late():
    status, headers, body = send("streaming_app", {"X-Request-Id": "stream-1"})
    assert (status, headers, body) == (
        "200 OK", [("Content-Type", "text/plain"), ("X-Request-Id", "stream-1")], b"chunk 1\nchunk 2\n",
    )


def test_an_app_that_uses_the_write_function():
    status, headers, body = send("writer_app", {"X-Request-Id": "w-1"})
    assert (status, ids_in(headers), body) == ("200 OK", ["w-1"], b"written, then returned")


def test_an_app_that_passes_exc_info():
    status, headers, body = send("maintenance_app", {"X-Request-Id": "m-1"})
    assert (status, headers, body) == (
        "503 Service Unavailable",
        [("Content-Type", "text/plain"), ("Retry-After", "120"), ("X-Request-Id", "m-1")],
        b"Back soon",
    )
