# Mistake: uses unquote_plus, the decoder for query strings, so "c++" becomes "c  ".
import re
from urllib.parse import unquote_plus


def split_path(path):
    if not path.startswith("/"):
        raise ValueError("a path starts with /")
    segments = []
    for raw in path.split("/"):
        if not re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", raw):
            raise ValueError("broken escape")
        segment = unquote_plus(raw, errors="strict")
        if segment == "..":
            raise ValueError("no ..")
        if segment and segment != ".":
            segments.append(segment)
    return segments
