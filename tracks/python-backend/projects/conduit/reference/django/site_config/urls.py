from django.urls import path

from conduit import articles, users
from conduit.api import methods

urlpatterns = [
    path("api/users", methods(post=users.sign_up)),
    path("api/users/login", methods(post=users.log_in)),
    path("api/user", methods(get=users.current, put=users.update)),
    path("api/profiles/<str:username>", methods(get=users.profile)),
    path("api/profiles/<str:username>/follow", methods(post=users.follow, delete=users.unfollow)),
    path("api/tags", methods(get=articles.tags)),
    path("api/articles", methods(get=articles.list_articles, post=articles.create)),
    # Before <slug>: the first pattern that matches wins.
    path("api/articles/feed", methods(get=articles.feed)),
    path("api/articles/<str:slug>", methods(get=articles.read, put=articles.update, delete=articles.delete)),
    path("api/articles/<str:slug>/favorite", methods(post=articles.favorite, delete=articles.unfavorite)),
    path("api/articles/<str:slug>/comments", methods(get=articles.comments, post=articles.add_comment)),
    path("api/articles/<str:slug>/comments/<str:comment_id>", methods(delete=articles.delete_comment)),
]

# Unknown URLs answer in JSON too (Django uses these only when DEBUG is off).
handler404 = "conduit.api.not_found_view"
handler500 = "conduit.api.server_error_view"
