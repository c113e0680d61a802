# Mistake: accepts page 0, which silently returns an empty page instead of an error.
def paginate(items, page, per_page=10):
    """Return one page of items (pages start at 1) and what a client needs to navigate."""
    if per_page < 1:
        raise ValueError(f"per_page must be 1 or more, got {per_page}")
    total = len(items)
    pages = -(-total // per_page)
    start = (page - 1) * per_page
    return {
        "items": list(items[start:start + per_page]),
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": pages,
        "has_prev": page > 1,
        "has_next": page < pages,
    }
