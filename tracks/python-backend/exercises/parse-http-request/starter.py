def parse_request(raw):
    """Parse the bytes of one HTTP/1.x request into method, target, version, headers, body."""
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ")
    # TODO: the header lines, then the body by Content-Length, and the ValueError cases.
    return {"method": method, "target": target, "version": version, "headers": {}, "body": rest}
