"""Guestbook views: the same pages as the Flask reference, with Django templates."""
import math
import secrets
import threading

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render

PAGE_SIZE = 10
NAME_MAX = 50
MESSAGE_MAX = 500

_entries = []
_lock = threading.Lock()


def csrf_token(request):
    token = request.session.get("csrf_token")
    if token is None:
        token = secrets.token_urlsafe(32)
        request.session["csrf_token"] = token
    return token


def not_found(request, exception=None):
    return render(request, "error.html", {"title": "Page not found", "text": "There is no page here."}, status=404)


def render_home(request, page, form, errors, status=200):
    with _lock:
        newest_first = list(reversed(_entries))
    pages = max(1, math.ceil(len(newest_first) / PAGE_SIZE))
    if page > pages:
        return not_found(request)
    start = (page - 1) * PAGE_SIZE
    context = {
        "entries": newest_first[start:start + PAGE_SIZE],
        "newer": page - 1 if page > 1 else None,
        "older": page + 1 if page < pages else None,
        "form": form,
        "errors": errors,
        "csrf": csrf_token(request),
    }
    return render(request, "index.html", context, status=status)


def index(request):
    if request.method != "GET":
        return not_found(request)
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        return not_found(request)
    return render_home(request, int(raw), {"name": request.session.get("name", ""), "message": ""}, {})


def sign(request):
    if request.method != "POST":
        return not_found(request)
    sent = request.POST.get("csrf_token", "")
    expected = request.session.get("csrf_token")
    if not expected or not secrets.compare_digest(sent, expected):
        text = "This form has expired or did not come from this site. Reload the page and try again."
        return render(request, "error.html", {"title": "Form expired", "text": text}, status=400)
    name = request.POST.get("name", "").strip()
    message = request.POST.get("message", "").strip()
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
    messages.success(request, f"Thank you for signing, {name}!")
    response = HttpResponseRedirect("/")
    response.status_code = 303
    return response
