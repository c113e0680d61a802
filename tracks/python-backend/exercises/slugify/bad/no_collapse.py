# Mistake: replaces each character on its own, so "Hello,   World" gets four dashes.
import re
import unicodedata


def slugify(title, max_length=50):
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]", "-", plain.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"
