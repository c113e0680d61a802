"""URL slugs for blog post titles."""
import string
import unicodedata

KEPT = set(string.ascii_lowercase + string.digits)


def slugify(title, max_length=50):
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = []
    word = ""
    for char in text:
        if char in KEPT:
            word += char
        elif word:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    slug = "-".join(words)[:max_length]
    while slug.endswith("-"):
        slug = slug[:-1]
    if slug == "":
        raise ValueError("the title has no letters or digits")
    return slug
