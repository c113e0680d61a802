# Mistake: a repeated header overwrites the earlier value instead of joining them.
def parse_request(raw):
    head, separator, rest = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("incomplete")
    request_line, *lines = head.decode("latin-1").split("\r\n")
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
        name = name.lower()
        headers[name] = value.strip(" \t")
        last = name
    length_text = headers.get("content-length", "0")
    if not (length_text.isascii() and length_text.isdigit()):
        raise ValueError("bad length")
    length = int(length_text)
    if len(rest) < length:
        raise ValueError("short body")
    return {"method": parts[0], "target": parts[1], "version": parts[2], "headers": headers, "body": rest[:length]}
