def slugify(title, max_length=50):
    """Return a lowercase, URL-safe slug for title, at most max_length characters."""
    return title.lower()
