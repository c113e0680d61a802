"""What every route needs from the request: its body, who is asking (FastAPI
dependencies), and the shapes of a user and a profile in replies."""
import json
import sqlite3

from fastapi import Depends, Request

import database
from rules import fail
from tokens import InvalidToken, make_token, user_id_from


async def body(request, wrapper):
    """The object inside {"<wrapper>": {...}}, or a 422. Parsed by hand rather than with a
    Pydantic model, so every error has this API's shape."""
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise fail(422, "body", "is not valid JSON")
    inner = data.get(wrapper) if isinstance(data, dict) else None
    if not isinstance(inner, dict):
        raise fail(422, wrapper, "can't be blank")
    return inner


def _viewer(request, db, required):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Token" or not token.strip():
        if required:
            raise fail(401, "token", "is missing")
        return None
    try:
        user = database.user_by_id(db, user_id_from(token.strip()))
    except InvalidToken:
        user = None
    if user is None:
        raise fail(401, "token", "is invalid")
    return user


def current_user(request: Request, db: sqlite3.Connection = Depends(database.get_db)):
    """The logged-in user, or a 401."""
    return _viewer(request, db, required=True)


def optional_user(request: Request, db: sqlite3.Connection = Depends(database.get_db)):
    """The logged-in user, None without a token, or a 401 for a bad one."""
    return _viewer(request, db, required=False)


def viewer_id(user):
    return None if user is None else user["id"]


def user_json(user):
    return {"user": {"email": user["email"], "token": make_token(user["id"]), "username": user["username"],
                     "bio": user["bio"], "image": user["image"]}}


def profile_json(db, user, seen_by):
    return {"username": user["username"], "bio": user["bio"], "image": user["image"],
            "following": database.follows(db, seen_by, user["id"])}
