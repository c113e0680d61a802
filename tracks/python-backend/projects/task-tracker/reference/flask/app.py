"""Task tracker API, Flask version (the reference for every stage of the project).

Configuration comes from the environment:
  DATABASE_URL  sqlite:////absolute/path.db   where tasks and users live
  UPLOAD_DIR    a writable folder for attachments
  SMTP_HOST, SMTP_PORT                        where sign-up emails go
  SECRET_KEY    required: the app refuses to start without it (tokens are random and
                stored in the database, but Flask signs with it)

Served in production by `gunicorn --workers 2`: every piece of state lives in the
database, never in this process's memory, so any worker can answer any request.
"""
import hashlib
import json
import os
import re
import secrets
import smtplib
import sqlite3
import sys
import time
from email.message import EmailMessage

from flask import Flask, Response, g, jsonify, request, send_file
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)

# No default: a secret written in the code is a secret in every copy of the code.
if not os.environ.get("SECRET_KEY"):
    sys.exit("SECRET_KEY is not set: give the app a long random secret in the environment, "
             "for example SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')")
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_ATTACHMENT_BYTES = 1024 * 1024
ALLOWED_TYPES = {"text/plain", "image/png", "image/jpeg", "application/pdf"}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A slow hash is the point in production; tests may lower the cost (PASSWORD_HASH_COST=test,
# set by roadwork while it tests), as Django's own test settings do.
PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000" if os.environ.get("PASSWORD_HASH_COST") == "test" else "pbkdf2:sha256"

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    confirm_token TEXT UNIQUE
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER REFERENCES users(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS request_counts (
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (method, path, status)
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


# ---------------------------------------------------------------- users and tokens

def hash_token(token):
    # Only a hash of each token is stored, so a leaked database holds no usable token.
    return hashlib.sha256(token.encode()).hexdigest()


def current_user():
    """The user named by `Authorization: Bearer <token>`, or a 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or not token:
        raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>")
    user = db().execute(
        "SELECT users.* FROM tokens JOIN users ON users.id = tokens.user_id WHERE token_hash = ?",
        (hash_token(token),),
    ).fetchone()
    if user is None:
        raise ApiError(401, "unauthorized", "this token is not valid")
    return user


def user_json(user):
    return {"id": user["id"], "email": user["email"], "confirmed": bool(user["confirmed"])}


def send_confirmation(email, token):
    link = f"{request.host_url}confirm?token={token}"
    message = EmailMessage()
    message["From"] = "Task tracker <noreply@task-tracker.test>"
    message["To"] = email
    message["Subject"] = "Confirm your email"
    message.set_content(f"Welcome to the task tracker!\n\nConfirm your email address:\n{link}\n")
    host = os.environ.get("SMTP_HOST")
    if not host:
        app.logger.warning("SMTP_HOST is not set; not sending: %s", link)
        return
    with smtplib.SMTP(host, int(os.environ.get("SMTP_PORT", "25")), timeout=10) as smtp:
        smtp.send_message(message)


@app.post("/users")
def sign_up():
    data = validate(json_object(), {
        "email": lambda v: None if isinstance(v, str) and EMAIL_PATTERN.match(v) else "must be an email address",
        "password": lambda v: None if isinstance(v, str) and len(v) >= 8 else "must be at least 8 characters",
    }, required=["email", "password"])
    confirm_token = secrets.token_urlsafe(32)
    try:
        cursor = db().execute(
            "INSERT INTO users (email, password_hash, confirm_token) VALUES (?, ?, ?)",
            (data["email"], generate_password_hash(data["password"], method=PASSWORD_HASH_METHOD), confirm_token),
        )
    except sqlite3.IntegrityError:
        # The failed INSERT leaves its transaction open, holding the write lock: end it, or
        # every other write (the request counter's, another worker's) waits for it.
        db().rollback()
        raise ApiError(409, "conflict", "this email is already registered")
    db().commit()
    send_confirmation(data["email"], confirm_token)
    return jsonify({"id": cursor.lastrowid, "email": data["email"], "confirmed": False}), 201


@app.post("/login")
def log_in():
    data = json_object()
    email, password = data.get("email"), data.get("password")
    user = None
    if isinstance(email, str) and isinstance(password, str):
        user = db().execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
    if user is None or not check_password_hash(user["password_hash"], password):
        raise ApiError(401, "unauthorized", "wrong email or password")
    token = secrets.token_urlsafe(32)
    db().execute("INSERT INTO tokens (token_hash, user_id) VALUES (?, ?)", (hash_token(token), user["id"]))
    db().commit()
    return jsonify({"token": token})


@app.get("/me")
def me():
    return jsonify(user_json(current_user()))


@app.get("/confirm")
def confirm():
    token = request.args.get("token", "")
    user = db().execute("SELECT id FROM users WHERE confirm_token = ?", (token,)).fetchone() if token else None
    if user is None:
        raise ApiError(400, "invalid_token", "this confirmation link is not valid")
    db().execute("UPDATE users SET confirmed = 1, confirm_token = NULL WHERE id = ?", (user["id"],))
    db().commit()
    return jsonify({"status": "confirmed"})


# ---------------------------------------------------------------- tasks

def task_json(row):
    return {"id": row["id"], "title": row["title"], "description": row["description"], "done": bool(row["done"])}


def owned_task(task_id, user):
    """The task with this id if `user` owns it: 404 when it does not exist, 403 when it is not theirs."""
    task = db().execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if task is None:
        raise not_found(f"task {task_id}")
    if task["owner_id"] != user["id"]:
        raise ApiError(403, "forbidden", "this task belongs to someone else")
    return task


@app.get("/health")
def health():
    return jsonify({"status": "ok"})


@app.post("/tasks")
def create_task():
    user = current_user()
    data = validate(json_object(), TASK_RULES, required=["title"])
    cursor = db().execute(
        "INSERT INTO tasks (owner_id, title, description, done) VALUES (?, ?, ?, ?)",
        (user["id"], data["title"], data.get("description", ""), data.get("done", False)),
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
    user = current_user()
    fields = {}
    limit = query_int("limit", 20, 1, 100, fields)
    offset = query_int("offset", 0, 0, 1_000_000_000, fields)
    where, params = ["owner_id = ?"], [user["id"]]
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
    return jsonify(task_json(owned_task(task_id, current_user())))


@app.patch("/tasks/<int:task_id>")
def update_task(task_id):
    user = current_user()
    task = owned_task(task_id, user)
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
    owned_task(task_id, current_user())
    for (attachment_id,) in db().execute("SELECT id FROM attachments WHERE task_id = ?", (task_id,)).fetchall():
        remove_file(attachment_id)
    db().execute("DELETE FROM attachments WHERE task_id = ?", (task_id,))
    db().execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    db().commit()
    return Response(status=204)


# ---------------------------------------------------------------- attachments

def attachment_path(attachment_id):
    # Files are stored under our own names: the client's file name never touches the disk.
    return os.path.join(os.environ.get("UPLOAD_DIR", "uploads"), str(attachment_id))


def remove_file(attachment_id):
    try:
        os.remove(attachment_path(attachment_id))
    except FileNotFoundError:
        pass


def attachment_json(row):
    return {key: row[key] for key in ("id", "task_id", "filename", "content_type", "size")}


@app.post("/tasks/<int:task_id>/attachments")
def upload_attachment(task_id):
    owned_task(task_id, current_user())
    upload = request.files.get("file")
    if upload is None:
        raise ApiError(422, "validation_failed", "send the file in a multipart field named file",
                       {"file": "is required"})
    content_type = upload.mimetype
    if content_type not in ALLOWED_TYPES:
        raise ApiError(415, "unsupported_media_type", f"{content_type or 'this type'} is not allowed; "
                       f"send one of {', '.join(sorted(ALLOWED_TYPES))}")
    data = upload.stream.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "payload_too_large", "attachments are limited to 1 MiB")
    filename = re.split(r"[/\\]", upload.filename or "")[-1] or "file"
    cursor = db().execute(
        "INSERT INTO attachments (task_id, filename, content_type, size) VALUES (?, ?, ?, ?)",
        (task_id, filename, content_type, len(data)),
    )
    os.makedirs(os.path.dirname(attachment_path(cursor.lastrowid)) or ".", exist_ok=True)
    with open(attachment_path(cursor.lastrowid), "wb") as file:
        file.write(data)
    db().commit()
    row = db().execute("SELECT * FROM attachments WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return jsonify(attachment_json(row)), 201


@app.get("/tasks/<int:task_id>/attachments/<int:attachment_id>")
def download_attachment(task_id, attachment_id):
    owned_task(task_id, current_user())
    row = db().execute(
        "SELECT * FROM attachments WHERE id = ? AND task_id = ?", (attachment_id, task_id)
    ).fetchone()
    if row is None:
        raise not_found(f"attachment {attachment_id}")
    return send_file(attachment_path(attachment_id), mimetype=row["content_type"],
                     as_attachment=True, download_name=row["filename"])


# ---------------------------------------------------------------- production

@app.get("/healthz")
def healthz():
    # Liveness: the process answers. It never looks at the database, or a database outage
    # would get every worker restarted for nothing.
    return jsonify({"status": "ok"})


@app.get("/readyz")
def readyz():
    try:
        create_tables()
        with sqlite3.connect(database_path(), timeout=2) as connection:
            connection.execute("SELECT 1 FROM tasks LIMIT 1")
    except sqlite3.Error as error:
        return jsonify({"status": "unavailable", "message": f"the database cannot be reached: {error}"}), 503
    return jsonify({"status": "ready"})


@app.get("/metrics")
def metrics():
    rows = db().execute("SELECT method, path, status, count FROM request_counts ORDER BY method, path, status")
    lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
             "# TYPE http_requests_total counter"]
    for row in rows:
        labels = f'method="{label(row["method"])}",path="{label(row["path"])}",status="{row["status"]}"'
        lines.append(f"http_requests_total{{{labels}}} {row['count']}")
    return Response("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4; charset=utf-8")


def label(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@app.before_request
def start_clock():
    g.started = time.perf_counter()


@app.after_request
def log_and_count(response):
    # The route's pattern, not the path: one series per route, whatever ids are asked for.
    route = request.url_rule.rule if request.url_rule is not None else "unmatched"
    duration_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    # One write per line: lines of several workers sharing stdout never mix.
    sys.stdout.write(json.dumps({"method": request.method, "path": request.path, "status": response.status_code,
                                 "duration_ms": round(duration_ms, 3)}) + "\n")
    sys.stdout.flush()
    try:
        with sqlite3.connect(database_path(), timeout=5) as connection:
            connection.execute(
                "INSERT INTO request_counts (method, path, status, count) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (method, path, status) DO UPDATE SET count = count + 1",
                (request.method, route, response.status_code),
            )
    except sqlite3.Error:
        # Counting must never cost a request its answer (the database may be down: see /readyz).
        pass
    return response


try:
    create_tables()
except sqlite3.Error as error:
    # Start anyway: /healthz answers, and /readyz says what is wrong until the database is back.
    print(f"the database cannot be reached yet: {error}", file=sys.stderr)
