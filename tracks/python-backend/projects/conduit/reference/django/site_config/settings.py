"""Settings of Conduit, all read from the environment.

  DATABASE_URL        sqlite:////absolute/path.db, postgresql://user:password@host:port/name
                      or postgresql://user:password@/name?host=/socket/folder
  JWT_SECRET          the key tokens are signed with (conduit/tokens.py reads it)
  PASSWORD_HASH_COST  "test" lowers the password hash's cost while roadwork tests the app
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


SECRET_KEY = os.environ.get("SECRET_KEY", "only-for-local-development")
DEBUG = os.environ.get("DEBUG") == "1"
# The app listens on loopback only; whatever name the client used to reach it is fine.
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = ["conduit"]
MIDDLEWARE = []
ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///conduit.db"))}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True

# A slow hash is the point in production; tests may lower the cost, as Django's own test
# settings do.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if os.environ.get("PASSWORD_HASH_COST") == "test":
    PASSWORD_HASHERS.insert(0, "conduit.hashers.QuickPBKDF2PasswordHasher")
