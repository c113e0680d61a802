"""a slug cut at max_length does not end with a dash"""
import re
import unicodedata


def slugify(title, max_length=50):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    slug = slug[:max_length]
    if not slug:
        raise ValueError("the title has no letters or digits")
    return slug
