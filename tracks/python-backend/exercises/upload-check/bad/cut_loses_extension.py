# Mistake: cuts a long name to its first 100 characters, which cuts off the extension.
import re

SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "pdf": (b"%PDF-",),
}
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)}
UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
LONGEST = 100


def check_upload(filename, data, max_bytes=5_000_000):
    """Return the problems of an upload, in order: empty, too-large, extension, content."""
    problems = []
    if len(data) == 0:
        problems.append("empty")
    elif len(data) > max_bytes:
        problems.append("too-large")
    # Only the last extension counts: "photo.png.php" is a PHP file.
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    signatures = SIGNATURES.get(extension)
    if signatures is None:
        problems.append("extension")
    elif data and not data.startswith(signatures):
        problems.append("content")
    return problems


def safe_filename(filename):
    """Return a name that is safe to store the file under."""
    name = re.split(r"[/\\]", filename)[-1]
    name = UNSAFE_RUN.sub("_", name).strip("._")
    if name.split(".")[0].upper() in RESERVED:
        name = "_" + name
    if len(name) > LONGEST:
        name = name[:LONGEST]
    return name or "file"
