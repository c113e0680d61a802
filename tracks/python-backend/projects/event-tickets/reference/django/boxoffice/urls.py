from django.urls import path

from . import views

urlpatterns = [
    path("health", views.health),
    path("events", views.events),
    path("events/<int:event_id>", views.event),
    path("events/<int:event_id>/orders", views.new_order),
    path("events/<int:event_id>/attendees.csv", views.attendees),
    path("orders/<int:order_id>", views.order),
    path("orders/<int:order_id>/cancel", views.cancel),
]
