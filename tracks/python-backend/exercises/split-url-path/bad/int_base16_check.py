# Mistake: decodes each %XX with int(text, 16), which also reads "٣٣" (Arabic-Indic digits)
# and " 1" (with a space), so those broken escapes are accepted.
def decode_segment(raw):
    data = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == "%":
            pair = raw[i + 1:i + 3]
            if len(pair) != 2:
                raise ValueError("broken escape")
            data.append(int(pair, 16))
            i += 3
        else:
            data += raw[i].encode("utf-8")
            i += 1
    return data.decode("utf-8")


def split_path(path):
    if not path.startswith("/"):
        raise ValueError("a path starts with /")
    segments = []
    for raw in path.split("/"):
        segment = decode_segment(raw)
        if segment == "..":
            raise ValueError("no ..")
        if segment and segment != ".":
            segments.append(segment)
    return segments
