# Mistake: replaces runs of \W (non-word characters), but "_" is a word character,
# so "snake_case" keeps its underscores.
import re
import unicodedata


def slugify(title, max_length=50):
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"\W+", "-", plain.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"
