def build_response(status, headers=None, body=b""):
    """Return the bytes of an HTTP/1.1 response: status line, headers, empty line, body."""
    lines = [f"HTTP/1.1 {status}"]
    # TODO: the reason phrase, the headers, Content-Length, the empty line and the body.
    return "\n".join(lines).encode()
