# Mistake: trusts unquote() to refuse broken input, but it keeps "100%" and "%zz" as
# they are and never raises for them.
from urllib.parse import unquote


def split_path(path):
    if not path.startswith("/"):
        raise ValueError("a path starts with /")
    segments = []
    for raw in path.split("/"):
        segment = unquote(raw, errors="strict")
        if segment == "..":
            raise ValueError("no ..")
        if segment and segment != ".":
            segments.append(segment)
    return segments
