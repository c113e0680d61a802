# Mistake: normalises the joined path and checks it with startswith(root). The sibling
# folder "/srv/app/files-private" starts with "/srv/app/files" too.
import os.path
from urllib.parse import unquote


def safe_join(root, user_path):
    path = unquote(user_path)
    if "\x00" in path or "\\" in path or path.startswith("/"):
        raise ValueError(f"unsafe path {user_path!r}")
    root = root.rstrip("/")
    full = os.path.normpath(os.path.join(root, path))
    if not full.startswith(root) or full == root:
        raise ValueError(f"unsafe path {user_path!r}: it leaves the root")
    return full
