# Mistake: cuts to max_length but forgets that the cut can end on a dash.
import re
import unicodedata


def slugify(title, max_length=50):
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:max_length] or "untitled"
