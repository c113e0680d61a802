# Mistake: copies a Content-Length the caller passed and adds its own, so the response
# has two different lengths.
from http import HTTPStatus


def build_response(status, headers=None, body=b""):
    if type(status) is not int or not 100 <= status <= 599:
        raise ValueError("bad status")
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    if isinstance(body, str):
        body = body.encode("utf-8")
    may_have_body = status >= 200 and status not in (204, 304)
    if body and not may_have_body:
        raise ValueError("no body allowed")
    lines = [f"HTTP/1.1 {status} {reason}"]
    for name, value in (headers or {}).items():
        value = str(value)
        if "\r" in name + value or "\n" in name + value:
            raise ValueError("line break in a header")
        lines.append(f"{name}: {value}")
    if may_have_body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
