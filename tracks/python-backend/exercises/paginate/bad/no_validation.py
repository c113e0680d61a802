# Mistake: accepts page 0, which silently returns an empty page instead of an error.
MAX_PER_PAGE = 100


def paginate(items, page, per_page=10):
    """Return one page of items (pages start at 1) and what a client needs to navigate."""
    # type() is not int for True (a bool) nor for 2.0 (a float): both are refused.
    if type(page) is not int:
        raise ValueError(f"page must be a whole number of at least 1, got {page!r}")
    if type(per_page) is not int or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, got {per_page!r}")
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
