# Mistake: removes every "../" from the path instead of refusing it. One pass of replace
# turns "....//" into "../": the filter builds the attack itself.
import os.path
from urllib.parse import unquote


def safe_join(root, user_path):
    path = unquote(user_path)
    if "\x00" in path or "\\" in path or path.startswith("/"):
        raise ValueError(f"unsafe path {user_path!r}")
    path = path.replace("../", "")
    if path.strip("/.") == "":
        raise ValueError(f"unsafe path {user_path!r}: it names the root itself")
    parts = [segment for segment in path.split("/") if segment not in ("", ".")]
    return root.rstrip("/") + "/" + "/".join(parts)
