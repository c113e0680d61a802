# Mistake: removes accent marks but keeps every character that isalnum() accepts,
# so Cyrillic or Japanese letters stay in the slug.
import unicodedata


def slugify(title, max_length=50):
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = ""
    for c in plain:
        if c.isalnum():
            slug += c
        elif not slug.endswith("-"):
            slug += "-"
    slug = slug.strip("-")
    return slug[:max_length].rstrip("-") or "untitled"
