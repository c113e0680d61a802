"""Conduit (the RealWorld API), Flask version: the reference for every stage of the project.

Configuration comes from the environment:
  DATABASE_URL        sqlite:////absolute/path.db
  JWT_SECRET          the key tokens are signed with
  PASSWORD_HASH_COST  "test" lowers the password hash's cost while roadwork tests the app
"""
import os
import sqlite3

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

import database
from api import body, profile_json, user_json, viewer, viewer_id
from articles import articles
from database import db, one
from rules import ApiError, check, email_problem, fail, optional_text, password_problem, required_text

app = Flask(__name__)
app.teardown_appcontext(database.close)
# A slow hash is the point in production; tests may lower the cost, as Django's own test
# settings do.
HASH_METHOD = "pbkdf2:sha256:1000" if os.environ.get("PASSWORD_HASH_COST") == "test" else "pbkdf2:sha256"


# ---------------------------------------------------------------- errors and input

@app.errorhandler(ApiError)
def api_error(error):
    return jsonify({"errors": error.errors}), error.status


@app.errorhandler(HTTPException)
def http_error(error):
    # Unknown URLs and wrong methods answer in JSON too, never with an HTML page.
    return jsonify({"errors": {"request": [error.description]}}), error.code


@app.post("/api/users")
def sign_up():
    data = body("user")
    username, email, password = data.get("username"), data.get("email"), data.get("password")
    check({"username": required_text(username), "email": email_problem(email), "password": password_problem(password)})
    email = email.lower()
    conflicts = database.taken(username=username, email=email)
    if conflicts:
        raise ApiError(409, conflicts)
    try:
        cursor = db().execute("INSERT INTO users (username, email, password_hash) VALUES (?, ?, ?)",
                              (username, email, generate_password_hash(password, method=HASH_METHOD)))
    except sqlite3.IntegrityError:
        # Someone took the name between the check and the insert.
        raise ApiError(409, database.taken(username=username, email=email) or {"username": ["has already been taken"]})
    db().commit()
    return jsonify(user_json(database.user_by_id(cursor.lastrowid))), 201


@app.post("/api/users/login")
def log_in():
    data = body("user")
    email, password = data.get("email"), data.get("password")
    check({"email": required_text(email), "password": required_text(password)})
    user = one("SELECT * FROM users WHERE email = ?", (email.lower(),))
    if user is None or not check_password_hash(user["password_hash"], password):
        raise fail(401, "credentials", "invalid")
    return jsonify(user_json(user))


@app.get("/api/user")
def current_user():
    return jsonify(user_json(viewer(required=True)))


@app.put("/api/user")
def update_user():
    user = viewer(required=True)
    data = body("user")
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
        changes["password_hash"] = generate_password_hash(changes.pop("password"), method=HASH_METHOD)
    conflicts = database.taken(username=changes.get("username"), email=changes.get("email"), except_id=user["id"])
    if conflicts:
        raise ApiError(409, conflicts)
    if changes:
        # Column names come from the lists above, never from the client's keys.
        assignments = ", ".join(f"{column} = ?" for column in changes)
        try:
            db().execute(f"UPDATE users SET {assignments} WHERE id = ?", (*changes.values(), user["id"]))
        except sqlite3.IntegrityError:
            raise ApiError(409, database.taken(username=changes.get("username"), email=changes.get("email"),
                                               except_id=user["id"]) or {"username": ["has already been taken"]})
        db().commit()
    return jsonify(user_json(database.user_by_id(user["id"])))


# ---------------------------------------------------------------- profiles

def existing_user(username):
    user = database.user_by_name(username)
    if user is None:
        raise fail(404, "profile", "not found")
    return user


@app.get("/api/profiles/<username>")
def get_profile(username):
    me = viewer(required=False)
    return jsonify({"profile": profile_json(existing_user(username), viewer_id(me))})


@app.post("/api/profiles/<username>/follow")
def follow(username):
    me = viewer(required=True)
    user = existing_user(username)
    db().execute("INSERT OR IGNORE INTO follows (follower_id, followed_id) VALUES (?, ?)", (me["id"], user["id"]))
    db().commit()
    return jsonify({"profile": profile_json(user, me["id"])})


@app.delete("/api/profiles/<username>/follow")
def unfollow(username):
    me = viewer(required=True)
    user = existing_user(username)
    db().execute("DELETE FROM follows WHERE follower_id = ? AND followed_id = ?", (me["id"], user["id"]))
    db().commit()
    return jsonify({"profile": profile_json(user, me["id"])})


app.register_blueprint(articles)
database.create_tables()
