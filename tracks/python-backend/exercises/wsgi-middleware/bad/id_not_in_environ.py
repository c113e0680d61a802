# Mistake: adds the header to the response but never gives the id to the app, so the
# app cannot write it in its logs.
# Keep these two lines: the tests send requests through them.
from wsgiref.validate import validator
from werkzeug.test import Client

import string
import uuid


# ---- The apps the tests wrap with your middleware. Keep them as they are. ----

def hello_app(environ, start_response):
    body = b"Hello!"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def whoami_app(environ, start_response):
    """Answers with the request id the middleware put in environ."""
    body = str(environ.get("request_id", "no request id")).encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def own_id_app(environ, start_response):
    """Sets its own x-request-id (which the middleware replaces) and two cookies."""
    start_response("201 Created", [
        ("Content-Type", "application/json"),
        ("x-request-id", "chosen-by-the-app"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
    ])
    return [b"{}"]


def streaming_app(environ, start_response):
    """A generator: start_response is only called when the body is first read."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"chunk 1\n"
    yield b"chunk 2\n"


def writer_app(environ, start_response):
    """An old-style app that sends part of its body with write()."""
    write = start_response("200 OK", [("Content-Type", "text/plain")])
    write(b"written, ")
    return [b"then returned"]


def maintenance_app(environ, start_response):
    """Calls start_response with its optional third argument, exc_info (None here)."""
    start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "120")], None)
    return [b"Back soon"]


# ---- Your middleware. ----

ID_CHARACTERS = set(string.ascii_letters + string.digits + "-_")


def acceptable_id(value):
    return value is not None and 1 <= len(value) <= 64 and set(value) <= ID_CHARACTERS


def request_id_middleware(app):
    """Wrap a WSGI app: give each request an id, in environ and in X-Request-Id."""

    def wrapped(environ, start_response):
        incoming = environ.get("HTTP_X_REQUEST_ID")
        request_id = incoming if acceptable_id(incoming) else uuid.uuid4().hex

        # Change the headers here, when the app calls it: a generator app only does so
        # once its body is read, long after app() has returned.
        def start_response_with_id(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if name.lower() != "x-request-id"]
            headers.append(("X-Request-Id", request_id))
            return start_response(status, headers, exc_info)

        return app(environ, start_response_with_id)

    return wrapped
