# Mistake: checks the limit with isinstance(limit, int), and True is an int: limit=True
# gives a query with LIMIT 1.
SORTABLE = {"due", "title", "id"}


def search_tasks(owner_id, filters, sort="due", limit=20):
    """Return (sql, params): a query for owner_id's tasks, with every value as a parameter."""
    if type(owner_id) is not int:
        raise ValueError(f"owner_id must be a whole number, got {owner_id!r}")
    if not isinstance(filters, dict):
        raise ValueError(f"filters must be a dict, got {filters!r}")
    where, params = ["owner_id = ?"], [owner_id]
    for key, value in filters.items():
        if key not in ("status", "title", "due_before"):
            # A key is never pasted into the SQL: only the three known ones have a clause.
            raise ValueError(f"cannot filter on {key!r}")
        if not isinstance(value, str):
            raise ValueError(f"the value of {key!r} must be text, got {value!r}")
        if key == "status":
            where.append("status = ?")
            params.append(value)
        elif key == "title":
            where.append("title LIKE ? ESCAPE '\\'")
            params.append("%" + escape_like(value) + "%")
        else:
            where.append("due < ?")
            params.append(value)

    # Column names cannot be parameters: choose them from a fixed set, never paste them.
    descending = isinstance(sort, str) and sort.startswith("-")
    column = sort[1:] if descending else sort
    if column not in SORTABLE:
        raise ValueError(f"cannot sort by {sort!r}")
    if not isinstance(limit, int) or not 1 <= limit <= 100:
        raise ValueError(f"limit must be a whole number from 1 to 100, got {limit!r}")
    params.append(limit)

    sql = (
        "SELECT id, title, status, due FROM tasks"
        f" WHERE {' AND '.join(where)}"
        f" ORDER BY {column}{' DESC' if descending else ''}, id"
        " LIMIT ?"
    )
    return sql, params


def escape_like(text):
    """Make %, _ and the escape character itself match literally in LIKE ... ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
