import re
import unicodedata


def slugify(title, max_length=50):
    """Return a lowercase, URL-safe slug for title, at most max_length characters."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "untitled"
