def search_tasks(owner_id, filters, sort="due", limit=20):
    """Return (sql, params): a query for owner_id's tasks, with every value as a parameter."""
    # This is the vulnerable version: every value is pasted into the SQL. Use ? instead.
    sql = f"SELECT id, title, status, due FROM tasks WHERE owner_id = {owner_id}"
    for key, value in filters.items():
        sql += f" AND {key} = '{value}'"
    sql += f" ORDER BY {sort} LIMIT {limit}"
    return sql, []
