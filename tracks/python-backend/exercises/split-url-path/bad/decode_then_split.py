# Mistake: decodes the whole path before splitting it, so an encoded "%2F" becomes a
# separator and "My%20Report%2FDraft.pdf" turns into two segments.
import re
from urllib.parse import unquote


def split_path(path):
    if not path.startswith("/"):
        raise ValueError("a path starts with /")
    if not re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", path):
        raise ValueError("broken escape")
    segments = []
    for segment in unquote(path, errors="strict").split("/"):
        if segment == "..":
            raise ValueError("no ..")
        if segment and segment != ".":
            segments.append(segment)
    return segments
