import re
from urllib.parse import unquote

# Every "%" must start an escape of exactly two ASCII hexadecimal digits.
WELL_ENCODED = re.compile(r"(?:[^%]|%[0-9A-Fa-f]{2})*")


def decode_segment(segment):
    if not WELL_ENCODED.fullmatch(segment):
        raise ValueError(f"broken percent-escape in {segment!r}")
    # errors="strict" raises UnicodeDecodeError (a ValueError) for bytes that are not UTF-8.
    return unquote(segment, errors="strict")


def split_path(path):
    """Split a URL path into decoded segments: "/a/caf%C3%A9" -> ["a", "café"].

    Raises ValueError for a path that is broken or climbs out with "..".
    """
    if not path.startswith("/"):
        raise ValueError(f"a path starts with '/': {path!r}")
    segments = []
    for raw in path.split("/"):
        segment = decode_segment(raw)
        if segment == "..":
            raise ValueError("'..' is not allowed in a path")
        if segment and segment != ".":
            segments.append(segment)
    return segments
