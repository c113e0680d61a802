# Mistake: reads the body with read() and no size; on a real server that waits for the
# connection to close, and the WSGI validator refuses it.
# Keep these two lines: the tests send requests to your app with werkzeug's test
# client, through the standard library's WSGI validator.
from wsgiref.validate import validator
from werkzeug.test import Client

from urllib.parse import parse_qs

TEXT = "text/plain; charset=utf-8"
ALLOWED = {"/hello": "GET", "/echo": "POST"}


def read_body(environ):
    # A missing or empty CONTENT_LENGTH means no body; read() without a size could block.
    return environ["wsgi.input"].read()


def respond(environ):
    """Return (status, content_type, body_bytes, extra_headers) for one request."""
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path not in ALLOWED:
        return "404 Not Found", TEXT, b"Not found", []
    if method != ALLOWED[path]:
        return "405 Method Not Allowed", TEXT, b"Method not allowed", [("Allow", ALLOWED[path])]
    if path == "/hello":
        name = parse_qs(environ.get("QUERY_STRING", "")).get("name", [""])[0] or "world"
        return "200 OK", TEXT, f"Hello, {name}!".encode("utf-8"), []
    content_type = environ.get("CONTENT_TYPE") or "application/octet-stream"
    return "200 OK", content_type, read_body(environ), []


def app(environ, start_response):
    """A WSGI application: GET /hello, POST /echo, 404 and 405 otherwise."""
    status, content_type, body, extra_headers = respond(environ)
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))] + extra_headers
    start_response(status, headers)
    return [body]
