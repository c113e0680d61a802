"""Settings of the box office in Django: no ORM models; tickets.* keeps its own SQLite."""
import os

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "boxoffice.urls"
INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
APPEND_SLASH = False
DATABASES = {}
USE_TZ = True
TICKETS_DATABASE = os.environ.get("DATABASE_URL", "sqlite:///tickets.db")
