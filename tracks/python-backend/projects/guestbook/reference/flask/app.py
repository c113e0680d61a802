"""Guestbook: a server-rendered Flask app (the reference for every stage).

Entries live in memory, newest last; the page shows them newest first, ten to a page.
Every form carries a CSRF token kept in the signed session cookie, which also remembers
the signer's name.
"""
import math
import os
import secrets
import threading

from flask import Flask, abort, flash, redirect, render_template, request, session, url_for

app = Flask(__name__)
# Flask signs the session cookie with this key: a learner-visible cookie that cannot be forged.
app.secret_key = os.environ.get("SECRET_KEY") or secrets.token_hex(32)

PAGE_SIZE = 10
NAME_MAX = 50
MESSAGE_MAX = 500

_entries = []
_lock = threading.Lock()


def csrf_token():
    """The session's CSRF token, made on first use."""
    token = session.get("csrf_token")
    if token is None:
        token = secrets.token_urlsafe(32)
        session["csrf_token"] = token
    return token


app.jinja_env.globals["csrf_token"] = csrf_token


def page_of_entries(page):
    with _lock:
        newest_first = list(reversed(_entries))
    pages = max(1, math.ceil(len(newest_first) / PAGE_SIZE))
    if page > pages:
        abort(404)
    start = (page - 1) * PAGE_SIZE
    return newest_first[start:start + PAGE_SIZE], pages


def render_home(page, form, errors, status=200):
    entries, pages = page_of_entries(page)
    return render_template("index.html", entries=entries, page=page, pages=pages, form=form, errors=errors), status


@app.get("/")
def index():
    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        abort(404)
    return render_home(int(raw), {"name": session.get("name", ""), "message": ""}, {})


@app.post("/entries")
def sign():
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf_token")
    if not expected or not secrets.compare_digest(sent, expected):
        return render_template("error.html", title="Form expired", text="This form has expired or did not come from this site. Reload the page and try again."), 400
    name = request.form.get("name", "").strip()
    message = request.form.get("message", "").strip()
    errors = {}
    if not name:
        errors["name"] = "Please give your name."
    elif len(name) > NAME_MAX:
        errors["name"] = f"Your name can be at most {NAME_MAX} characters."
    if not message:
        errors["message"] = "Please write a message."
    elif len(message) > MESSAGE_MAX:
        errors["message"] = f"Your message can be at most {MESSAGE_MAX} characters."
    if errors:
        return render_home(1, {"name": name, "message": message}, errors, 422)
    with _lock:
        _entries.append({"name": name, "message": message})
    session["name"] = name
    flash(f"Thank you for signing, {name}!")
    return redirect(url_for("index"), code=303)


@app.errorhandler(404)
def not_found(error):
    return render_template("error.html", title="Page not found", text="There is no page here."), 404
