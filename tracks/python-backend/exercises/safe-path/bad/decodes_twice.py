# Mistake: decodes twice, so a file really named %2e%2e (sent as %252e%252e) is read as ..
# and refused, and the name the client asked for is never found.
from urllib.parse import unquote


def safe_join(root, user_path):
    """Return the path under root that user_path names; ValueError if it leaves root."""
    # Decode exactly once: checking before decoding would miss "%2e%2e", decoding twice
    # would read "%252e" (a file named "%2e") as "..".
    path = unquote(unquote(user_path))
    if "\x00" in path:
        raise ValueError(f"unsafe path {user_path!r}: it contains a NUL character")
    if "\\" in path:
        raise ValueError(f"unsafe path {user_path!r}: it contains a backslash")
    if path.startswith("/"):
        raise ValueError(f"unsafe path {user_path!r}: it is absolute")
    parts = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                raise ValueError(f"unsafe path {user_path!r}: it goes above the root")
            parts.pop()
        else:
            parts.append(segment)
    if not parts:
        raise ValueError(f"unsafe path {user_path!r}: it names the root itself")
    return root.rstrip("/") + "/" + "/".join(parts)
