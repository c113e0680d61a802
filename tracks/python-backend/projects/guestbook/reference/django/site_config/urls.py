from django.urls import path, re_path
from django.views.static import serve

from guestbook import views
from site_config.settings import STATIC_ROOT

urlpatterns = [
    path("", views.index),
    path("entries", views.sign),
    # runserver serves static files only with DEBUG on; this route serves them always.
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": STATIC_ROOT}),
]
handler404 = "guestbook.views.not_found"
