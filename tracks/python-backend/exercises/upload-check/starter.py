import re

SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "pdf": (b"%PDF-",),
}


def check_upload(filename, data, max_bytes=5_000_000):
    """Return the problems of an upload, in order: empty, too-large, extension, content."""
    problems = []
    # TODO: size, then extension, then magic bytes
    return problems


def safe_filename(filename):
    """Return a name that is safe to store the file under."""
    return filename
