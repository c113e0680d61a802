# Mistake: joins with os.path.join and trusts the result. "../../etc/passwd" climbs out,
# and an absolute "/etc/passwd" makes os.path.join throw the root away altogether.
import os.path
from urllib.parse import unquote


def safe_join(root, user_path):
    path = unquote(user_path)
    if not path.strip("/."):
        raise ValueError(f"unsafe path {user_path!r}: it names the root itself")
    return os.path.normpath(os.path.join(root, path))
