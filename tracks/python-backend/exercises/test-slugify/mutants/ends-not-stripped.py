"""the slug does not start or end with a dash when the title starts or ends with punctuation"""
import re
import unicodedata


def slugify(title, max_length=50):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower())
    slug = slug[:max_length]
    if not slug.strip("-"):
        raise ValueError("the title has no letters or digits")
    return slug
