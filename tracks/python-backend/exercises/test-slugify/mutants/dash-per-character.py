"""several separators in a row become a single dash"""
import re
import unicodedata


def slugify(title, max_length=50):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]", "-", ascii_title.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    if not slug:
        raise ValueError("the title has no letters or digits")
    return slug
