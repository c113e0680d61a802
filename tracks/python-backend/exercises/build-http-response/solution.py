from http import HTTPStatus


def reason_phrase(status):
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def check_header_text(text):
    if "\r" in text or "\n" in text:
        raise ValueError(f"a header may not contain a line break: {text!r}")


def build_response(status, headers=None, body=b""):
    """Return the bytes of an HTTP/1.1 response: status line, headers, empty line, body."""
    if type(status) is not int or not 100 <= status <= 599:
        raise ValueError(f"status must be an int from 100 to 599, got {status!r}")
    if isinstance(body, str):
        body = body.encode("utf-8")
    may_have_body = status >= 200 and status not in (204, 304)
    if body and not may_have_body:
        raise ValueError(f"a {status} response has no body")

    lines = [f"HTTP/1.1 {status} {reason_phrase(status)}"]
    for name, value in (headers or {}).items():
        value = str(value)
        check_header_text(name)
        check_header_text(value)
        if name.lower() != "content-length":
            lines.append(f"{name}: {value}")
    if may_have_body:
        lines.append(f"Content-Length: {len(body)}")
    head = "".join(line + "\r\n" for line in lines) + "\r\n"
    return head.encode("latin-1") + body
