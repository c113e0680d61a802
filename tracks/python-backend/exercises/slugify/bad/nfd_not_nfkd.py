# Mistake: uses the NFD form, which splits accents but does not turn "²" into "2" or
# "ﬁ" into "fi", so those characters are dropped instead of kept in their plain form.
import re
import unicodedata


def slugify(title, max_length=50):
    plain = unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"
