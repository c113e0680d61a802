"""A learner's app as it could stand after stage 6: tasks in SQLite, listed and filtered,
but no users yet, so POST /users is a 404.

Task tracker API, Flask version.

Configuration comes from the environment:
  DATABASE_URL  sqlite:////absolute/path.db   where tasks live
"""
import json
import os
import re
import sqlite3

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

MAX_TITLE = 200
MAX_DESCRIPTION = 2000

SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0
);
"""


# ---------------------------------------------------------------- errors

class ApiError(Exception):
    """An error the client caused; becomes {"error": code, "message": ..., "fields"?: ...}."""

    def __init__(self, status, code, message, fields=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


@app.errorhandler(ApiError)
def api_error(error):
    body = {"error": error.code, "message": error.message}
    if error.fields:
        body["fields"] = error.fields
    return jsonify(body), error.status


@app.errorhandler(HTTPException)
def http_error(error):
    # Unknown URLs and wrong methods answer in JSON too, never with an HTML page.
    code = {404: "not_found", 405: "method_not_allowed"}.get(error.code, "http_error")
    return jsonify({"error": code, "message": error.description}), error.code


def not_found(what):
    return ApiError(404, "not_found", f"{what} does not exist")


# ---------------------------------------------------------------- database

def database_path():
    url = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    if not url.startswith("sqlite:///"):
        raise RuntimeError("this app only supports sqlite:/// database URLs")
    return url[len("sqlite:///"):]


def db():
    if "db" not in g:
        g.db = sqlite3.connect(database_path())
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exception):
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def create_tables():
    with sqlite3.connect(database_path()) as connection:
        connection.executescript(SCHEMA)


# ---------------------------------------------------------------- input

def json_object():
    """The request body as a dict, or a 400 when it is not a JSON object."""
    try:
        data = json.loads(request.get_data(as_text=True))
    except ValueError:
        raise ApiError(400, "invalid_json", "the body is not valid JSON")
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    return data


def validate(data, rules, required):
    """Checks data against rules {field: check}; a check returns an error text or None."""
    fields = {name: "unknown field" for name in data if name not in rules}
    for name in required:
        if name not in data:
            fields[name] = "is required"
    for name, check in rules.items():
        if name in data and name not in fields:
            problem = check(data[name])
            if problem:
                fields[name] = problem
    if fields:
        raise ApiError(422, "validation_failed", "some fields are invalid", fields)
    return data


def check_title(value):
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    if len(value) > MAX_TITLE:
        return f"must be at most {MAX_TITLE} characters"
    return None


def check_description(value):
    if not isinstance(value, str):
        return "must be a string"
    if len(value) > MAX_DESCRIPTION:
        return f"must be at most {MAX_DESCRIPTION} characters"
    return None


def check_done(value):
    return None if isinstance(value, bool) else "must be true or false"


TASK_RULES = {"title": check_title, "description": check_description, "done": check_done}


# ---------------------------------------------------------------- tasks

def task_json(row):
    return {"id": row["id"], "title": row["title"], "description": row["description"], "done": bool(row["done"])}


def find_task(task_id):
    task = db().execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if task is None:
        raise not_found(f"task {task_id}")
    return task


@app.get("/health")
def health():
    return jsonify({"status": "ok"})


@app.post("/tasks")
def create_task():
    data = validate(json_object(), TASK_RULES, required=["title"])
    cursor = db().execute(
        "INSERT INTO tasks (title, description, done) VALUES (?, ?, ?)",
        (data["title"], data.get("description", ""), data.get("done", False)),
    )
    db().commit()
    task = db().execute("SELECT * FROM tasks WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return jsonify(task_json(task)), 201, {"Location": f"/tasks/{task['id']}"}


def query_int(name, default, minimum, maximum, fields):
    raw = request.args.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"\d+", raw) or not minimum <= int(raw) <= maximum:
        fields[name] = f"must be an integer from {minimum} to {maximum}"
        return default
    return int(raw)


@app.get("/tasks")
def list_tasks():
    fields = {}
    limit = query_int("limit", 20, 1, 100, fields)
    offset = query_int("offset", 0, 0, 1_000_000_000, fields)
    where, params = ["1 = 1"], []
    done = request.args.get("done")
    if done is not None:
        if done not in ("true", "false"):
            fields["done"] = "must be true or false"
        where.append("done = ?")
        params.append(done == "true")
    q = request.args.get("q")
    if q:
        # LIKE treats % and _ as wildcards: escape them so they match themselves.
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("title LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if fields:
        raise ApiError(422, "validation_failed", "some query parameters are invalid", fields)
    condition = " AND ".join(where)
    total = db().execute(f"SELECT COUNT(*) FROM tasks WHERE {condition}", params).fetchone()[0]
    rows = db().execute(
        f"SELECT * FROM tasks WHERE {condition} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return jsonify({"items": [task_json(r) for r in rows], "total": total, "limit": limit, "offset": offset})


@app.get("/tasks/<int:task_id>")
def get_task(task_id):
    return jsonify(task_json(find_task(task_id)))


@app.patch("/tasks/<int:task_id>")
def update_task(task_id):
    task = find_task(task_id)
    data = validate(json_object(), TASK_RULES, required=[])
    merged = {**task_json(task), **data}
    db().execute(
        "UPDATE tasks SET title = ?, description = ?, done = ? WHERE id = ?",
        (merged["title"], merged["description"], merged["done"], task_id),
    )
    db().commit()
    return jsonify(merged)


@app.delete("/tasks/<int:task_id>")
def delete_task(task_id):
    find_task(task_id)
    db().execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    db().commit()
    return Response(status=204)


create_tables()
