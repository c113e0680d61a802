"""Sign-up, login, the current user, profiles and follows."""
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.http import JsonResponse

from .api import body, profile_json, user_json, viewer
from .models import Follow, User
from .rules import ApiError, check, email_problem, fail, optional_text, password_problem, required_text


def taken(username=None, email=None, except_id=0):
    """{"username": [...], "email": [...]} for each value another user already has."""
    errors = {}
    if username is not None and User.objects.filter(username=username).exclude(id=except_id).exists():
        errors["username"] = ["has already been taken"]
    if email is not None and User.objects.filter(email=email).exclude(id=except_id).exists():
        errors["email"] = ["has already been taken"]
    return errors


def sign_up(request):
    data = body(request, "user")
    username, email, password = data.get("username"), data.get("email"), data.get("password")
    check({"username": required_text(username), "email": email_problem(email), "password": password_problem(password)})
    email = email.lower()
    conflicts = taken(username, email)
    if conflicts:
        raise ApiError(409, conflicts)
    try:
        with transaction.atomic():
            user = User.objects.create(username=username, email=email, password_hash=make_password(password))
    except IntegrityError:
        # Someone took the name between the check and the insert.
        raise ApiError(409, taken(username, email) or {"username": ["has already been taken"]})
    return JsonResponse(user_json(user), status=201)


def log_in(request):
    data = body(request, "user")
    email, password = data.get("email"), data.get("password")
    check({"email": required_text(email), "password": required_text(password)})
    user = User.objects.filter(email=email.lower()).first()
    if user is None or not check_password(password, user.password_hash):
        raise fail(401, "credentials", "invalid")
    return JsonResponse(user_json(user))


def current(request):
    return JsonResponse(user_json(viewer(request, required=True)))


def update(request):
    user = viewer(request, required=True)
    data = body(request, "user")
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
        changes["password_hash"] = make_password(changes.pop("password"))
    conflicts = taken(changes.get("username"), changes.get("email"), except_id=user.id)
    if conflicts:
        raise ApiError(409, conflicts)
    # Only the fields listed above, never whatever the client sent.
    for field, value in changes.items():
        setattr(user, field, value)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ApiError(409, taken(changes.get("username"), changes.get("email"), except_id=user.id)
                       or {"username": ["has already been taken"]})
    return JsonResponse(user_json(user))


def existing_user(username):
    user = User.objects.filter(username=username).first()
    if user is None:
        raise fail(404, "profile", "not found")
    return user


def profile(request, username):
    me = viewer(request, required=False)
    return JsonResponse({"profile": profile_json(existing_user(username), me)})


def follow(request, username):
    me = viewer(request, required=True)
    user = existing_user(username)
    Follow.objects.get_or_create(follower=me, followed=user)
    return JsonResponse({"profile": profile_json(user, me)})


def unfollow(request, username):
    me = viewer(request, required=True)
    user = existing_user(username)
    Follow.objects.filter(follower=me, followed=user).delete()
    return JsonResponse({"profile": profile_json(user, me)})
