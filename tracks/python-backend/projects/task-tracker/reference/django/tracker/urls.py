from django.urls import path

from tasks import production, views
from tasks.api import methods

urlpatterns = [
    path("health", methods(get=views.health)),
    path("healthz", methods(get=production.healthz)),
    path("readyz", methods(get=production.readyz)),
    path("metrics", methods(get=production.metrics)),
    path("users", methods(post=views.sign_up)),
    path("login", methods(post=views.log_in)),
    path("me", methods(get=views.me)),
    path("confirm", methods(get=views.confirm)),
    path("tasks", methods(get=views.list_tasks, post=views.create_task)),
    path("tasks/<int:task_id>", methods(get=views.get_task, patch=views.update_task, delete=views.delete_task)),
    path("tasks/<int:task_id>/attachments", methods(post=views.upload_attachment)),
    path("tasks/<int:task_id>/attachments/<int:attachment_id>", methods(get=views.download_attachment)),
]

# Unknown URLs answer in JSON too (Django uses these only when DEBUG is off).
handler404 = "tasks.api.not_found_view"
handler500 = "tasks.api.server_error_view"
