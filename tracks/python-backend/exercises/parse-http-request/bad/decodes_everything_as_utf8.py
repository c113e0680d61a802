# Mistake: decodes the whole request as UTF-8 text, which fails on a binary body
# (and would count Content-Length in characters instead of bytes).
def parse_request(raw):
    text = raw.decode("utf-8")
    head, separator, rest = text.partition("\r\n\r\n")
    if not separator:
        raise ValueError("incomplete")
    request_line, *lines = head.split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not all(parts) or parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise ValueError("bad request line")
    headers = {}
    last = None
    for line in lines:
        if line[:1] in (" ", "\t"):
            if last is None:
                raise ValueError("fold first")
            headers[last] += " " + line.strip(" \t")
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or " " in name or "\t" in name:
            raise ValueError("bad header")
        name, value = name.lower(), value.strip(" \t")
        headers[name] = headers[name] + ", " + value if name in headers else value
        last = name
    length_text = headers.get("content-length", "0")
    if not (length_text.isascii() and length_text.isdigit()):
        raise ValueError("bad length")
    length = int(length_text)
    body = rest.encode("utf-8")
    if len(body) < length:
        raise ValueError("short body")
    return {"method": parts[0], "target": parts[1], "version": parts[2], "headers": headers, "body": body[:length]}
