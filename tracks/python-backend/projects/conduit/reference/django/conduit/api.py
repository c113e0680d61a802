"""The JSON plumbing shared by every view: method dispatch, errors, the body, who is
asking, and the shapes of a user and a profile in replies."""
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Follow, User
from .rules import ApiError, fail
from .tokens import InvalidToken, make_token, user_id_from


def methods(**handlers):
    """One view for a URL: picks the handler for the HTTP method and turns ApiError into JSON.

    csrf_exempt: clients authenticate with a token in a header, not a cookie, so there is no
    cross-site request to forge.
    """
    @csrf_exempt
    def view(request, **kwargs):
        handler = handlers.get(request.method.lower())
        try:
            if handler is None:
                raise fail(405, "request", f"{request.method} is not allowed here")
            return handler(request, **kwargs)
        except ApiError as error:
            return JsonResponse({"errors": error.errors}, status=error.status)
    return view


def body(request, wrapper):
    """The object inside {"<wrapper>": {...}}, or a 422."""
    try:
        data = json.loads(request.body)
    except ValueError:
        raise fail(422, "body", "is not valid JSON")
    inner = data.get(wrapper) if isinstance(data, dict) else None
    if not isinstance(inner, dict):
        raise fail(422, wrapper, "can't be blank")
    return inner


def viewer(request, required):
    """The logged-in user, None when anonymous (and allowed), or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Token" or not token.strip():
        if required:
            raise fail(401, "token", "is missing")
        return None
    try:
        user = User.objects.filter(id=user_id_from(token.strip())).first()
    except InvalidToken:
        user = None
    if user is None:
        raise fail(401, "token", "is invalid")
    return user


def user_json(user):
    return {"user": {"email": user.email, "token": make_token(user.id), "username": user.username,
                     "bio": user.bio, "image": user.image}}


def profile_json(user, seen_by):
    following = seen_by is not None and Follow.objects.filter(follower=seen_by, followed=user).exists()
    return {"username": user.username, "bio": user.bio, "image": user.image, "following": following}


def not_found_view(request, exception=None):
    return JsonResponse({"errors": {"request": [f"{request.path} does not exist"]}}, status=404)


def server_error_view(request):
    return JsonResponse({"errors": {"request": ["something went wrong on our side"]}}, status=500)
