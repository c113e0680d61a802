# Mistake: writes "Content-Length: 0" on every response, also on 204 and 304.
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
    if body and (status < 200 or status in (204, 304)):
        raise ValueError("no body allowed")
    lines = [f"HTTP/1.1 {status} {reason}"]
    for name, value in (headers or {}).items():
        value = str(value)
        if "\r" in name + value or "\n" in name + value:
            raise ValueError("line break in a header")
        if name.lower() != "content-length":
            lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
