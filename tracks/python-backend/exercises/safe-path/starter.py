import os.path
from urllib.parse import unquote


def safe_join(root, user_path):
    """Return the path under root that user_path names; ValueError if it leaves root."""
    # TODO: this is the classic vulnerable version. Make it safe.
    return os.path.join(root, unquote(user_path))
