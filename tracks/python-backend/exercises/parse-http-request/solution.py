def parse_request_line(line):
    parts = line.split(" ")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"a request line is 'METHOD target VERSION', got {line!r}")
    if parts[2] not in ("HTTP/1.0", "HTTP/1.1"):
        raise ValueError(f"unsupported version {parts[2]!r}")
    return parts


def parse_headers(lines):
    headers = {}
    last = None
    for line in lines:
        if line[:1] in (" ", "\t"):
            if last is None:
                raise ValueError("a continuation line before any header")
            headers[last] += " " + line.strip(" \t")
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or " " in name or "\t" in name:
            raise ValueError(f"not a header line: {line!r}")
        name, value = name.lower(), value.strip(" \t")
        headers[name] = headers[name] + ", " + value if name in headers else value
        last = name
    return headers


def parse_request(raw):
    """Parse the bytes of one HTTP/1.x request into method, target, version, headers, body."""
    head, separator, rest = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("incomplete request: no empty line after the headers")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    method, target, version = parse_request_line(request_line)
    headers = parse_headers(header_lines)

    length_text = headers.get("content-length", "0")
    if not (length_text.isascii() and length_text.isdigit()):
        raise ValueError(f"Content-Length must be digits 0-9, got {length_text!r}")
    length = int(length_text)
    if len(rest) < length:
        raise ValueError(f"incomplete body: {len(rest)} of {length} bytes")
    return {"method": method, "target": target, "version": version, "headers": headers, "body": rest[:length]}
