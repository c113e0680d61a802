"""Runs one SQL query against in-memory SQLite databases, in the sandbox: one database per
case, each built from schema.sql and then the case's own data (cases.json, a list of SQL
texts), and sends each case's columns and rows to Node as one frame on fd 3.

Values travel as [tag, text]: ["n"] null, ["i", "42"], ["f", "1.5"], ["s", "text"],
["b", "hex"], so that Node compares them without losing the SQL type."""
import json
import sqlite3
import sys

sys.path.insert(0, "/harness")
from wire import write_frame  # noqa: E402

MAX_ROWS = 10_000


def value(v):
    kind = type(v)
    if v is None:
        return ["n"]
    if kind is int:
        return ["i", str(v)]
    if kind is float:
        return ["f", repr(v)]
    if kind is bytes:
        return ["b", v.hex()]
    return ["s", str(v)]


def run_case(schema, data, query):
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(schema)
    except sqlite3.Error as error:
        return {"schema_error": str(error)}
    if data:
        try:
            db.executescript(data)
        except sqlite3.Error as error:
            return {"schema_error": "the case's data: %s" % error}
    # The learner's query reads; it never changes the data it is checked against.
    db.execute("PRAGMA query_only = ON")
    if not query.strip().rstrip(";").strip():
        return {"error": "the query is empty"}
    try:
        cursor = db.execute(query)
        rows = cursor.fetchmany(MAX_ROWS + 1)
    except (sqlite3.Warning, sqlite3.ProgrammingError) as error:
        text = str(error)
        if "one statement" in text:
            text = "write exactly one SQL statement (found more than one)"
        return {"error": text}
    except sqlite3.Error as error:
        return {"error": "%s: %s" % (type(error).__name__, error)}
    columns = [d[0] for d in cursor.description or []]
    result = {"columns": columns, "rows": [[value(v) for v in row] for row in rows[:MAX_ROWS]]}
    if len(rows) > MAX_ROWS:
        result["truncated"] = MAX_ROWS
    db.close()
    return result


def main():
    with open("/work/schema.sql", encoding="utf-8") as file:
        schema = file.read()
    with open("/work/query.sql", encoding="utf-8") as file:
        query = file.read()
    with open("/work/cases.json", encoding="utf-8") as file:
        cases = json.load(file)
    for data in cases:
        write_frame(3, run_case(schema, data, query))


main()
