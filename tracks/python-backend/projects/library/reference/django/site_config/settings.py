"""Settings of the lending library, read from the environment.

  DATABASE_URL  postgresql://user:password@/name?host=/socket/folder (libpq's form for a
                unix socket) or postgresql://user:password@host:port/name
  SECRET_KEY
"""
import os
from urllib.parse import parse_qs, unquote, urlparse


def database_from_url(url):
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


SECRET_KEY = os.environ.get("SECRET_KEY", "only-for-local-development")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["catalog"]
MIDDLEWARE = []
ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"
DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TIME_ZONE = "UTC"
