# Mistake (wrong order): cuts before stripping the dashes, so a title that starts with
# spaces loses real letters to the limit.
import re
import unicodedata


def slugify(title, max_length=50):
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower())[:max_length]
    return slug.strip("-") or "untitled"
