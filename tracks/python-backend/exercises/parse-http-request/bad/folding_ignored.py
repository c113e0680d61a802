# Mistake: does not know about folded lines, so a continuation line that starts with
# spaces is read as a broken header line (or, with a colon in it, as a new header).
def parse_request(raw):
    head, separator, rest = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("incomplete")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not all(parts) or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise ValueError("bad request line")
    headers = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name or " " in name or "\t" in name:
            raise ValueError("bad header")
        name, value = name.lower(), value.strip(" \t")
        headers[name] = headers[name] + ", " + value if name in headers else value
    length_text = headers.get("content-length", "0")
    if not (length_text.isascii() and length_text.isdigit()):
        raise ValueError("bad length")
    length = int(length_text)
    if len(rest) < length:
        raise ValueError("short body")
    return {"method": parts[0], "target": parts[1], "version": parts[2], "headers": headers, "body": rest[:length]}
