import hashlib
import os
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import IntegrityError
from django.http import FileResponse, HttpResponse, JsonResponse

from .api import ApiError, json_object, not_found, validate
from .models import Attachment, Task, Token, User

MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_ATTACHMENT_BYTES = 1024 * 1024
ALLOWED_TYPES = {"text/plain", "image/png", "image/jpeg", "application/pdf"}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# ---------------------------------------------------------------- validation

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
USER_RULES = {
    "email": lambda v: None if isinstance(v, str) and EMAIL_PATTERN.match(v) else "must be an email address",
    "password": lambda v: None if isinstance(v, str) and len(v) >= 8 else "must be at least 8 characters",
}


# ---------------------------------------------------------------- users and tokens

def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def current_user(request):
    """The user named by `Authorization: Bearer <token>`, or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token:
        raise ApiError(401, "unauthorized", "send Authorization: Bearer <token>")
    found = Token.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if found is None:
        raise ApiError(401, "unauthorized", "this token is not valid")
    return found.user


def health(request):
    return JsonResponse({"status": "ok"})


def sign_up(request):
    data = validate(json_object(request), USER_RULES, required=["email", "password"])
    try:
        user = User.objects.create(
            email=data["email"],
            password_hash=make_password(data["password"]),
            confirm_token=secrets.token_urlsafe(32),
        )
    except IntegrityError:
        raise ApiError(409, "conflict", "this email is already registered")
    link = request.build_absolute_uri(f"/confirm?token={user.confirm_token}")
    send_mail(
        "Confirm your email",
        f"Welcome to the task tracker!\n\nConfirm your email address:\n{link}\n",
        None,  # DEFAULT_FROM_EMAIL
        [user.email],
    )
    return JsonResponse(user.as_json(), status=201)


def log_in(request):
    data = json_object(request)
    email, password = data.get("email"), data.get("password")
    user = User.objects.filter(email=email).first() if isinstance(email, str) else None
    if user is None or not isinstance(password, str) or not check_password(password, user.password_hash):
        raise ApiError(401, "unauthorized", "wrong email or password")
    token = secrets.token_urlsafe(32)
    Token.objects.create(token_hash=hash_token(token), user=user)
    return JsonResponse({"token": token})


def me(request):
    return JsonResponse(current_user(request).as_json())


def confirm(request):
    token = request.GET.get("token", "")
    user = User.objects.filter(confirm_token=token).first() if token else None
    if user is None:
        raise ApiError(400, "invalid_token", "this confirmation link is not valid")
    user.confirmed, user.confirm_token = True, None
    user.save()
    return JsonResponse({"status": "confirmed"})


# ---------------------------------------------------------------- tasks

def owned_task(task_id, user):
    """The task with this id if `user` owns it: 404 when it does not exist, 403 when it is not theirs."""
    task = Task.objects.filter(id=task_id).first()
    if task is None:
        raise not_found(f"task {task_id}")
    if task.owner_id != user.id:
        raise ApiError(403, "forbidden", "this task belongs to someone else")
    return task


def create_task(request):
    user = current_user(request)
    data = validate(json_object(request), TASK_RULES, required=["title"])
    task = Task.objects.create(owner=user, **data)
    response = JsonResponse(task.as_json(), status=201)
    response["Location"] = f"/tasks/{task.id}"
    return response


def query_int(request, name, default, minimum, maximum, fields):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"\d+", raw) or not minimum <= int(raw) <= maximum:
        fields[name] = f"must be an integer from {minimum} to {maximum}"
        return default
    return int(raw)


def list_tasks(request):
    user = current_user(request)
    fields = {}
    limit = query_int(request, "limit", 20, 1, 100, fields)
    offset = query_int(request, "offset", 0, 0, 1_000_000_000, fields)
    tasks = Task.objects.filter(owner=user).order_by("id")
    done = request.GET.get("done")
    if done is not None:
        if done not in ("true", "false"):
            fields["done"] = "must be true or false"
        tasks = tasks.filter(done=done == "true")
    if request.GET.get("q"):
        # icontains escapes % and _ itself, so they match literally.
        tasks = tasks.filter(title__icontains=request.GET["q"])
    if fields:
        raise ApiError(422, "validation_failed", "some query parameters are invalid", fields)
    page = tasks[offset:offset + limit]
    return JsonResponse({"items": [t.as_json() for t in page], "total": tasks.count(),
                         "limit": limit, "offset": offset})


def get_task(request, task_id):
    return JsonResponse(owned_task(task_id, current_user(request)).as_json())


def update_task(request, task_id):
    task = owned_task(task_id, current_user(request))
    for name, value in validate(json_object(request), TASK_RULES, required=[]).items():
        setattr(task, name, value)
    task.save()
    return JsonResponse(task.as_json())


def delete_task(request, task_id):
    task = owned_task(task_id, current_user(request))
    for attachment in task.attachment_set.all():
        remove_file(attachment.id)
    task.delete()
    return HttpResponse(status=204)


# ---------------------------------------------------------------- attachments

def attachment_path(attachment_id):
    # Files are stored under our own names: the client's file name never touches the disk.
    return os.path.join(settings.UPLOAD_DIR, str(attachment_id))


def remove_file(attachment_id):
    try:
        os.remove(attachment_path(attachment_id))
    except FileNotFoundError:
        pass


def upload_attachment(request, task_id):
    task = owned_task(task_id, current_user(request))
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError(422, "validation_failed", "send the file in a multipart field named file",
                       {"file": "is required"})
    if upload.content_type not in ALLOWED_TYPES:
        raise ApiError(415, "unsupported_media_type", f"{upload.content_type or 'this type'} is not allowed; "
                       f"send one of {', '.join(sorted(ALLOWED_TYPES))}")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "payload_too_large", "attachments are limited to 1 MiB")
    filename = re.split(r"[/\\]", upload.name or "")[-1] or "file"
    attachment = Attachment.objects.create(task=task, filename=filename,
                                           content_type=upload.content_type, size=upload.size)
    os.makedirs(settings.UPLOAD_DIR, exist_ok=True)
    with open(attachment_path(attachment.id), "wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return JsonResponse(attachment.as_json(), status=201)


def download_attachment(request, task_id, attachment_id):
    task = owned_task(task_id, current_user(request))
    attachment = Attachment.objects.filter(id=attachment_id, task=task).first()
    if attachment is None:
        raise not_found(f"attachment {attachment_id}")
    return FileResponse(open(attachment_path(attachment.id), "rb"), content_type=attachment.content_type,
                        as_attachment=True, filename=attachment.filename)
