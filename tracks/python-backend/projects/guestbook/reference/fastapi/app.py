"""Guestbook: the FastAPI reference (Jinja2 templates, Starlette's signed session cookie).

The same pages as the Flask reference. FastAPI has no flash messages: they are a list in
the session, popped when a page is rendered.
"""
import math
import os
import secrets
import threading

from fastapi import FastAPI, Form, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE_SIZE = 10
NAME_MAX = 50
MESSAGE_MAX = 500

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ.get("SECRET_KEY") or secrets.token_hex(32))
app.mount("/static", StaticFiles(directory=os.path.join(HERE, "static")), name="static")
templates = Jinja2Templates(directory=os.path.join(HERE, "templates"))

_entries = []
_lock = threading.Lock()


def csrf_token(request):
    token = request.session.get("csrf_token")
    if token is None:
        token = secrets.token_urlsafe(32)
        request.session["csrf_token"] = token
    return token


def render(request, name, context, status=200):
    """Renders a page: the session's flash messages are shown once, then gone."""
    messages = request.session.pop("flash", [])
    context = {
        "request": request,
        "csrf_token": lambda: csrf_token(request),
        "get_flashed_messages": lambda: messages,
        **context,
    }
    return templates.TemplateResponse(name, context, status_code=status)


def not_found(request):
    return render(request, "error.html", {"title": "Page not found", "text": "There is no page here."}, 404)


def render_home(request, page, form, errors, status=200):
    with _lock:
        newest_first = list(reversed(_entries))
    pages = max(1, math.ceil(len(newest_first) / PAGE_SIZE))
    if page > pages:
        return not_found(request)
    start = (page - 1) * PAGE_SIZE
    entries = newest_first[start:start + PAGE_SIZE]
    return render(request, "index.html", {"entries": entries, "page": page, "pages": pages, "form": form, "errors": errors}, status)


@app.get("/")
def index(request: Request, page: str = "1"):
    if not page.isdigit() or int(page) < 1:
        return not_found(request)
    return render_home(request, int(page), {"name": request.session.get("name", ""), "message": ""}, {})


@app.post("/entries")
def sign(request: Request, csrf_token_field: str = Form("", alias="csrf_token"), name: str = Form(""), message: str = Form("")):
    expected = request.session.get("csrf_token")
    if not expected or not secrets.compare_digest(csrf_token_field, expected):
        text = "This form has expired or did not come from this site. Reload the page and try again."
        return render(request, "error.html", {"title": "Form expired", "text": text}, 400)
    name = name.strip()
    message = message.strip()
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
        return render_home(request, 1, {"name": name, "message": message}, errors, 422)
    with _lock:
        _entries.append({"name": name, "message": message})
    request.session["name"] = name
    request.session["flash"] = request.session.get("flash", []) + [f"Thank you for signing, {name}!"]
    return RedirectResponse("/", status_code=303)


@app.exception_handler(StarletteHTTPException)
def http_error(request: Request, error: StarletteHTTPException):
    if error.status_code == 404:
        return not_found(request)
    return render(request, "error.html", {"title": "Something went wrong", "text": str(error.detail)}, error.status_code)
