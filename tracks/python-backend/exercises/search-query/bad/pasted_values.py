# Mistake: pastes the values into the SQL with f-strings (quoted, but never escaped), the
# classic SQL injection: a title of "' OR 1=1 --" matches every task of every user.
def search_tasks(owner_id, filters, sort="due", limit=20):
    if type(owner_id) is not int:
        raise ValueError(f"owner_id must be a whole number, got {owner_id!r}")
    conditions = [f"owner_id = {owner_id}"]
    for key, value in filters.items():
        if key not in ("status", "title", "due_before") or not isinstance(value, str):
            raise ValueError(f"cannot filter on {key!r}")
        if key == "status":
            conditions.append(f"status = '{value}'")
        elif key == "title":
            escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(f"title LIKE '%{escaped}%' ESCAPE '\\'")
        else:
            conditions.append(f"due < '{value}'")
    descending = isinstance(sort, str) and sort.startswith("-")
    column = sort[1:] if descending else sort
    if column not in ("due", "title", "id"):
        raise ValueError(f"cannot sort by {sort!r}")
    if type(limit) is not int or not 1 <= limit <= 100:
        raise ValueError(f"limit must be a whole number from 1 to 100, got {limit!r}")
    direction = " DESC" if descending else ""
    sql = f"SELECT id, title, status, due FROM tasks WHERE {' AND '.join(conditions)} ORDER BY {column}{direction}, id LIMIT {limit}"
    return sql, []
