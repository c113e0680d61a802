# Mistake: removes accented letters entirely instead of turning them into plain ones,
# so "Café" becomes "caf".
import re


def slugify(title, max_length=50):
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"
