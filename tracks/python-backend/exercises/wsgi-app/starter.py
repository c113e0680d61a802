# Keep these two lines: the tests send requests to your app with werkzeug's test
# client, through the standard library's WSGI validator.
from wsgiref.validate import validator
from werkzeug.test import Client


def app(environ, start_response):
    """A WSGI application: GET /hello, POST /echo, 404 and 405 otherwise."""
    body = b"Hello, world!"
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body]
