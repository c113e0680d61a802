"""What every route needs from the request: its body, who is asking, and the shapes of a
user and a profile in replies."""
import json

from flask import request

import database
from rules import fail
from tokens import InvalidToken, make_token, user_id_from


def body(wrapper):
    """The object inside {"<wrapper>": {...}}, or a 422."""
    try:
        data = json.loads(request.get_data(as_text=True))
    except ValueError:
        raise fail(422, "body", "is not valid JSON")
    inner = data.get(wrapper) if isinstance(data, dict) else None
    if not isinstance(inner, dict):
        raise fail(422, wrapper, "can't be blank")
    return inner


# ---------------------------------------------------------------- who is asking

def viewer(required):
    """The logged-in user, None when anonymous (and allowed), or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Token" or not token.strip():
        if required:
            raise fail(401, "token", "is missing")
        return None
    try:
        user = database.user_by_id(user_id_from(token.strip()))
    except InvalidToken:
        user = None
    if user is None:
        raise fail(401, "token", "is invalid")
    return user


def viewer_id(user):
    return None if user is None else user["id"]


# ---------------------------------------------------------------- users

def user_json(user):
    return {"user": {"email": user["email"], "token": make_token(user["id"]), "username": user["username"],
                     "bio": user["bio"], "image": user["image"]}}


def profile_json(user, seen_by):
    return {"username": user["username"], "bio": user["bio"], "image": user["image"],
            "following": database.follows(seen_by, user["id"])}


