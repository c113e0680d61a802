# Mistake: looks for ".." before decoding, so "%2e%2e" slips through as "..".
import re
from urllib.parse import unquote


def split_path(path):
    if not path.startswith("/"):
        raise ValueError("a path starts with /")
    segments = []
    for raw in path.split("/"):
        if raw == "..":
            raise ValueError("no ..")
        if not re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", raw):
            raise ValueError("broken escape")
        segment = unquote(raw, errors="strict")
        if segment and segment != ".":
            segments.append(segment)
    return segments
