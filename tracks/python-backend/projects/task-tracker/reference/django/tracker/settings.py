"""Settings of the task tracker, all read from the environment.

  DATABASE_URL  sqlite:////absolute/path.db, postgresql://user:password@host:port/name
                or postgresql://user:password@/name?host=/socket/folder
  UPLOAD_DIR    a writable folder for attachments
  SMTP_HOST, SMTP_PORT
  SECRET_KEY
"""
import os
from urllib.parse import parse_qs, unquote, urlparse


def database_from_url(url):
    if url.startswith("sqlite:///"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": url[len("sqlite:///"):]}
    parts = urlparse(url)
    # libpq's form for a unix socket: no host in the URL, the socket's folder in ?host=.
    host = parse_qs(parts.query).get("host", [parts.hostname or ""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
    }


# Required, and no default: a secret written in the code is a secret in every copy of the
# code. (Served in production by `gunicorn --workers 2 tracker.wsgi`: all state lives in the
# database, never in a process's memory, so any worker can answer any request.)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise SystemExit("SECRET_KEY is not set: give the app a long random secret in the environment, "
                     "for example SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')")
DEBUG = os.environ.get("DEBUG") == "1"
# The app listens on loopback only; whatever name the client used to reach it is fine.
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = ["tasks"]
MIDDLEWARE = ["tasks.production.log_and_count"]
ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///app.db"))}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

EMAIL_HOST = os.environ.get("SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SMTP_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = "Task tracker <noreply@task-tracker.test>"

UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "uploads")

USE_TZ = True
