"""Conduit (the RealWorld API), FastAPI version: the reference for every stage of the project.

Configuration comes from the environment:
  DATABASE_URL        sqlite:////absolute/path.db
  JWT_SECRET          the key tokens are signed with
  PASSWORD_HASH_COST  "test" lowers the password hash's cost while roadwork tests the app
"""
import sqlite3

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

import database
from api import body, current_user, optional_user, profile_json, user_json, viewer_id
from articles import router as articles
from database import get_db, one
from passwords import hash_password, password_matches
from rules import ApiError, check, email_problem, fail, optional_text, password_problem, required_text

app = FastAPI(title="Conduit")


# ---------------------------------------------------------------- errors

@app.exception_handler(ApiError)
async def api_error(_request, error):
    return JSONResponse({"errors": error.errors}, status_code=error.status)


@app.exception_handler(StarletteHTTPException)
async def http_error(_request, error):
    return JSONResponse({"errors": {"request": [str(error.detail)]}}, status_code=error.status_code)


@app.exception_handler(RequestValidationError)
async def validation_error(_request, error):
    # Bodies, queries and ids are read by hand; this is a safety net in this API's shape.
    return JSONResponse({"errors": {"request": ["is invalid"]}}, status_code=422)


@app.on_event("startup")
def create_tables():
    database.create_tables()


# ---------------------------------------------------------------- users

@app.post("/api/users", status_code=201)
async def sign_up(request: Request, db: sqlite3.Connection = Depends(get_db)):
    data = await body(request, "user")
    username, email, password = data.get("username"), data.get("email"), data.get("password")
    check({"username": required_text(username), "email": email_problem(email), "password": password_problem(password)})
    email = email.lower()
    conflicts = database.taken(db, username=username, email=email)
    if conflicts:
        raise ApiError(409, conflicts)
    try:
        cursor = db.execute("INSERT INTO users (username, email, password_hash) VALUES (?, ?, ?)",
                            (username, email, hash_password(password)))
    except sqlite3.IntegrityError:
        # Someone took the name between the check and the insert.
        raise ApiError(409, database.taken(db, username=username, email=email) or {"username": ["has already been taken"]})
    db.commit()
    return user_json(database.user_by_id(db, cursor.lastrowid))


@app.post("/api/users/login")
async def log_in(request: Request, db: sqlite3.Connection = Depends(get_db)):
    data = await body(request, "user")
    email, password = data.get("email"), data.get("password")
    check({"email": required_text(email), "password": required_text(password)})
    user = one(db, "SELECT * FROM users WHERE email = ?", (email.lower(),))
    if user is None or not password_matches(user["password_hash"], password):
        raise fail(401, "credentials", "invalid")
    return user_json(user)


@app.get("/api/user")
async def get_current_user(user=Depends(current_user)):
    return user_json(user)


@app.put("/api/user")
async def update_user(request: Request, user=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    data = await body(request, "user")
    changes, problems = {}, {}
    for field, rule in (("username", required_text), ("email", email_problem), ("password", password_problem)):
        if field in data:
            problems[field] = rule(data[field])
            changes[field] = data[field]
    for field in ("bio", "image"):
        if field in data:
            changes[field], problems[field] = optional_text(data[field])
    check(problems)
    if "email" in changes:
        changes["email"] = changes["email"].lower()
    if "password" in changes:
        changes["password_hash"] = hash_password(changes.pop("password"))
    conflicts = database.taken(db, username=changes.get("username"), email=changes.get("email"), except_id=user["id"])
    if conflicts:
        raise ApiError(409, conflicts)
    if changes:
        # Column names come from the lists above, never from the client's keys.
        assignments = ", ".join(f"{column} = ?" for column in changes)
        try:
            db.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*changes.values(), user["id"]))
        except sqlite3.IntegrityError:
            raise ApiError(409, database.taken(db, username=changes.get("username"), email=changes.get("email"),
                                               except_id=user["id"]) or {"username": ["has already been taken"]})
        db.commit()
    return user_json(database.user_by_id(db, user["id"]))


# ---------------------------------------------------------------- profiles

def existing_user(db, username):
    user = database.user_by_name(db, username)
    if user is None:
        raise fail(404, "profile", "not found")
    return user


@app.get("/api/profiles/{username}")
async def get_profile(username: str, me=Depends(optional_user), db: sqlite3.Connection = Depends(get_db)):
    return {"profile": profile_json(db, existing_user(db, username), viewer_id(me))}


@app.post("/api/profiles/{username}/follow")
async def follow(username: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    user = existing_user(db, username)
    db.execute("INSERT OR IGNORE INTO follows (follower_id, followed_id) VALUES (?, ?)", (me["id"], user["id"]))
    db.commit()
    return {"profile": profile_json(db, user, me["id"])}


@app.delete("/api/profiles/{username}/follow")
async def unfollow(username: str, me=Depends(current_user), db: sqlite3.Connection = Depends(get_db)):
    user = existing_user(db, username)
    db.execute("DELETE FROM follows WHERE follower_id = ? AND followed_id = ?", (me["id"], user["id"]))
    db.commit()
    return {"profile": profile_json(db, user, me["id"])}


app.include_router(articles)
