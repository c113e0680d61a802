"""Task tracker API, FastAPI version (the reference for every stage of the project).

Configuration comes from the environment:
  DATABASE_URL  sqlite:////absolute/path.db   where tasks and users live
  UPLOAD_DIR    a writable folder for attachments
  SMTP_HOST, SMTP_PORT                        where sign-up emails go
  SECRET_KEY    required: the app refuses to start without it

Served in production by `uvicorn --workers 2`: every piece of state lives in the
database, never in this process's memory, so any worker can answer any request.

Request bodies are parsed by hand rather than with Pydantic models, so that every
error has the project's shape: {"error": code, "message": ..., "fields"?: {...}}.
"""
import hashlib
import hmac
import json
import os
import re
import secrets
import smtplib
import sqlite3
import sys
import time
from email.message import EmailMessage
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

# No default: a secret written in the code is a secret in every copy of the code.
if not os.environ.get("SECRET_KEY"):
    sys.exit("SECRET_KEY is not set: give the app a long random secret in the environment, "
             "for example SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')")

app = FastAPI(title="Task tracker")

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_ATTACHMENT_BYTES = 1024 * 1024
ALLOWED_TYPES = {"text/plain", "image/png", "image/jpeg", "application/pdf"}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

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


@app.exception_handler(ApiError)
async def api_error(_request, error):
    body = {"error": error.code, "message": error.message}
    if error.fields:
        body["fields"] = error.fields
    return JSONResponse(body, status_code=error.status)


@app.exception_handler(StarletteHTTPException)
async def http_error(_request, error):
    code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
    return JSONResponse({"error": code, "message": str(error.detail)}, status_code=error.status_code)


@app.exception_handler(RequestValidationError)
async def bad_path(_request, _error):
    # Bodies and queries are validated by hand below, so only a path such as /tasks/abc
    # gets here: no task has that id.
    return JSONResponse({"error": "not_found", "message": "no such resource"}, status_code=404)


def not_found(what):
    return ApiError(404, "not_found", f"{what} does not exist")


# ---------------------------------------------------------------- database

def database_path():
    url = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    if not url.startswith("sqlite:///"):
        raise RuntimeError("this app only supports sqlite:/// database URLs")
    return url[len("sqlite:///"):]


def get_db():
    # FastAPI runs sync dependencies in a worker thread and the endpoint elsewhere, so the
    # connection must be usable from another thread; each request still has its own.
    connection = sqlite3.connect(database_path(), check_same_thread=False)
    connection.row_factory = sqlite3.Row
    try:
        yield connection
    finally:
        connection.close()


def create_tables():
    with sqlite3.connect(database_path()) as connection:
        connection.executescript(SCHEMA)


@app.on_event("startup")
def create_tables_if_possible():
    try:
        create_tables()
    except sqlite3.Error as error:
        # Start anyway: /healthz answers, and /readyz says what is wrong until the database is back.
        print(f"the database cannot be reached yet: {error}", file=sys.stderr)


# ---------------------------------------------------------------- input

async def json_object(request):
    """The request body as a dict, or a 400 when it is not a JSON object."""
    try:
        data = json.loads(await request.body())
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

def hash_password(password):
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(stored, password):
    _, salt, digest = stored.split("$")
    attempt = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    return hmac.compare_digest(attempt.hex(), digest)


def hash_token(token):
    # Only a hash of each token is stored, so a leaked database holds no usable token.
    return hashlib.sha256(token.encode()).hexdigest()


def current_user(request: Request, db: sqlite3.Connection = Depends(get_db)):
    """The user named by `Authorization: Bearer <token>`, or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token:
        raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>")
    user = db.execute(
        "SELECT users.* FROM tokens JOIN users ON users.id = tokens.user_id WHERE token_hash = ?",
        (hash_token(token),),
    ).fetchone()
    if user is None:
        raise ApiError(401, "unauthorized", "this token is not valid")
    return user


def user_json(user):
    return {"id": user["id"], "email": user["email"], "confirmed": bool(user["confirmed"])}


def send_confirmation(request, email, token):
    link = f"{request.base_url}confirm?token={token}"
    message = EmailMessage()
    message["From"] = "Task tracker <noreply@task-tracker.test>"
    message["To"] = email
    message["Subject"] = "Confirm your email"
    message.set_content(f"Welcome to the task tracker!\n\nConfirm your email address:\n{link}\n")
    host = os.environ.get("SMTP_HOST")
    if not host:
        print(f"SMTP_HOST is not set; not sending: {link}")
        return
    with smtplib.SMTP(host, int(os.environ.get("SMTP_PORT", "25")), timeout=10) as smtp:
        smtp.send_message(message)


@app.post("/users", status_code=201)
async def sign_up(request: Request, db: sqlite3.Connection = Depends(get_db)):
    data = validate(await json_object(request), {
        "email": lambda v: None if isinstance(v, str) and EMAIL_PATTERN.match(v) else "must be an email address",
        "password": lambda v: None if isinstance(v, str) and len(v) >= 8 else "must be at least 8 characters",
    }, required=["email", "password"])
    confirm_token = secrets.token_urlsafe(32)
    try:
        cursor = db.execute(
            "INSERT INTO users (email, password_hash, confirm_token) VALUES (?, ?, ?)",
            (data["email"], hash_password(data["password"]), confirm_token),
        )
    except sqlite3.IntegrityError:
        raise ApiError(409, "conflict", "this email is already registered")
    db.commit()
    send_confirmation(request, data["email"], confirm_token)
    return {"id": cursor.lastrowid, "email": data["email"], "confirmed": False}


@app.post("/login")
async def log_in(request: Request, db: sqlite3.Connection = Depends(get_db)):
    data = await json_object(request)
    email, password = data.get("email"), data.get("password")
    user = None
    if isinstance(email, str) and isinstance(password, str):
        user = db.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
    if user is None or not password_matches(user["password_hash"], password):
        raise ApiError(401, "unauthorized", "wrong email or password")
    token = secrets.token_urlsafe(32)
    db.execute("INSERT INTO tokens (token_hash, user_id) VALUES (?, ?)", (hash_token(token), user["id"]))
    db.commit()
    return {"token": token}


@app.get("/me")
async def me(user=Depends(current_user)):
    return user_json(user)


@app.get("/confirm")
async def confirm(token: str = "", db: sqlite3.Connection = Depends(get_db)):
    user = db.execute("SELECT id FROM users WHERE confirm_token = ?", (token,)).fetchone() if token else None
    if user is None:
        raise ApiError(400, "invalid_token", "this confirmation link is not valid")
    db.execute("UPDATE users SET confirmed = 1, confirm_token = NULL WHERE id = ?", (user["id"],))
    db.commit()
    return {"status": "confirmed"}


# ---------------------------------------------------------------- tasks

def task_json(row):
    return {"id": row["id"], "title": row["title"], "description": row["description"], "done": bool(row["done"])}


def owned_task(db, task_id, user):
    """The task with this id if `user` owns it: 404 when it does not exist, 403 when it is not theirs."""
    task = db.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if task is None:
        raise not_found(f"task {task_id}")
    if task["owner_id"] != user["id"]:
        raise ApiError(403, "forbidden", "this task belongs to someone else")
    return task


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.post("/tasks", status_code=201)
async def create_task(request: Request, response: Response, user=Depends(current_user),
                      db: sqlite3.Connection = Depends(get_db)):
    data = validate(await json_object(request), TASK_RULES, required=["title"])
    cursor = db.execute(
        "INSERT INTO tasks (owner_id, title, description, done) VALUES (?, ?, ?, ?)",
        (user["id"], data["title"], data.get("description", ""), data.get("done", False)),
    )
    db.commit()
    task = db.execute("SELECT * FROM tasks WHERE id = ?", (cursor.lastrowid,)).fetchone()
    response.headers["Location"] = f"/tasks/{task['id']}"
    return task_json(task)


def query_int(request, name, default, minimum, maximum, fields):
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"\d+", raw) or not minimum <= int(raw) <= maximum:
        fields[name] = f"must be an integer from {minimum} to {maximum}"
        return default
    return int(raw)


@app.get("/tasks")
async def list_tasks(request: Request, user=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    fields = {}
    limit = query_int(request, "limit", 20, 1, 100, fields)
    offset = query_int(request, "offset", 0, 0, 1_000_000_000, fields)
    where, params = ["owner_id = ?"], [user["id"]]
    done = request.query_params.get("done")
    if done is not None:
        if done not in ("true", "false"):
            fields["done"] = "must be true or false"
        where.append("done = ?")
        params.append(done == "true")
    q = request.query_params.get("q")
    if q:
        # LIKE treats % and _ as wildcards: escape them so they match themselves.
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("title LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if fields:
        raise ApiError(422, "validation_failed", "some query parameters are invalid", fields)
    condition = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM tasks WHERE {condition}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT * FROM tasks WHERE {condition} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return {"items": [task_json(r) for r in rows], "total": total, "limit": limit, "offset": offset}


@app.get("/tasks/{task_id}")
async def get_task(task_id: int, user=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    return task_json(owned_task(db, task_id, user))


@app.patch("/tasks/{task_id}")
async def update_task(task_id: int, request: Request, user=Depends(current_user),
                      db: sqlite3.Connection = Depends(get_db)):
    task = owned_task(db, task_id, user)
    data = validate(await json_object(request), TASK_RULES, required=[])
    merged = {**task_json(task), **data}
    db.execute(
        "UPDATE tasks SET title = ?, description = ?, done = ? WHERE id = ?",
        (merged["title"], merged["description"], merged["done"], task_id),
    )
    db.commit()
    return merged


@app.delete("/tasks/{task_id}", status_code=204)
async def delete_task(task_id: int, user=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    owned_task(db, task_id, user)
    for (attachment_id,) in db.execute("SELECT id FROM attachments WHERE task_id = ?", (task_id,)).fetchall():
        remove_file(attachment_id)
    db.execute("DELETE FROM attachments WHERE task_id = ?", (task_id,))
    db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    db.commit()
    return Response(status_code=204)


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


@app.post("/tasks/{task_id}/attachments", status_code=201)
async def upload_attachment(task_id: int, request: Request, user=Depends(current_user),
                            db: sqlite3.Connection = Depends(get_db)):
    owned_task(db, task_id, user)
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ApiError(422, "validation_failed", "send the file in a multipart field named file",
                       {"file": "is required"})
    content_type = (upload.content_type or "").split(";")[0].strip()
    if content_type not in ALLOWED_TYPES:
        raise ApiError(415, "unsupported_media_type", f"{content_type or 'this type'} is not allowed; "
                       f"send one of {', '.join(sorted(ALLOWED_TYPES))}")
    data = await upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "payload_too_large", "attachments are limited to 1 MiB")
    filename = re.split(r"[/\\]", upload.filename or "")[-1] or "file"
    cursor = db.execute(
        "INSERT INTO attachments (task_id, filename, content_type, size) VALUES (?, ?, ?, ?)",
        (task_id, filename, content_type, len(data)),
    )
    os.makedirs(os.path.dirname(attachment_path(cursor.lastrowid)) or ".", exist_ok=True)
    with open(attachment_path(cursor.lastrowid), "wb") as file:
        file.write(data)
    db.commit()
    return attachment_json(db.execute("SELECT * FROM attachments WHERE id = ?", (cursor.lastrowid,)).fetchone())


@app.get("/tasks/{task_id}/attachments/{attachment_id}")
async def download_attachment(task_id: int, attachment_id: int, user=Depends(current_user),
                              db: sqlite3.Connection = Depends(get_db)):
    owned_task(db, task_id, user)
    row = db.execute(
        "SELECT * FROM attachments WHERE id = ? AND task_id = ?", (attachment_id, task_id)
    ).fetchone()
    if row is None:
        raise not_found(f"attachment {attachment_id}")
    with open(attachment_path(attachment_id), "rb") as file:
        data = file.read()
    # filename*= carries any name safely, quotes and non-ASCII letters included (RFC 6266).
    disposition = f"attachment; filename*=UTF-8''{quote(row['filename'])}"
    return Response(data, media_type=row["content_type"], headers={"Content-Disposition": disposition})


# ---------------------------------------------------------------- production

@app.get("/healthz")
async def healthz():
    # Liveness: the process answers. It never looks at the database, or a database outage
    # would get every worker restarted for nothing.
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    try:
        create_tables()
        with sqlite3.connect(database_path(), timeout=2) as connection:
            connection.execute("SELECT 1 FROM tasks LIMIT 1")
    except sqlite3.Error as error:
        return JSONResponse({"status": "unavailable", "message": f"the database cannot be reached: {error}"}, status_code=503)
    return {"status": "ready"}


@app.get("/metrics")
def metrics(db=Depends(get_db)):
    rows = db.execute("SELECT method, path, status, count FROM request_counts ORDER BY method, path, status")
    lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
             "# TYPE http_requests_total counter"]
    for row in rows:
        labels = f'method="{label(row["method"])}",path="{label(row["path"])}",status="{row["status"]}"'
        lines.append(f"http_requests_total{{{labels}}} {row['count']}")
    return Response("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4; charset=utf-8")


def label(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def route_of(scope):
    # The route's pattern, not the path: one series per route, whatever ids are asked for.
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return route.path
    return "unmatched"


def count_request(method, route, status):
    try:
        with sqlite3.connect(database_path(), timeout=5) as connection:
            connection.execute(
                "INSERT INTO request_counts (method, path, status, count) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (method, path, status) DO UPDATE SET count = count + 1",
                (method, route, status),
            )
    except sqlite3.Error:
        # Counting must never cost a request its answer (the database may be down: see /readyz).
        pass


@app.middleware("http")
async def log_and_count(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    duration_ms = (time.perf_counter() - started) * 1000
    # One write per line: lines of several workers sharing stdout never mix.
    sys.stdout.write(json.dumps({"method": request.method, "path": request.url.path, "status": response.status_code,
                                 "duration_ms": round(duration_ms, 3)}) + "\n")
    sys.stdout.flush()
    count_request(request.method, route_of(request.scope), response.status_code)
    return response
