from django.urls import path

from catalog import views

urlpatterns = [
    path("health", views.health),
    path("authors", views.authors),
    path("authors/<int:author_id>", views.author),
    path("authors/<int:author_id>/books", views.author_books),
    path("authors/<int:author_id>/stats", views.author_stats),
    path("books", views.books),
    path("books/search", views.search_books),
    path("books/<int:book_id>", views.book),
    path("members", views.members),
    path("members/<int:member_id>", views.member),
    path("loans", views.loans),
    path("loans/overdue", views.overdue),
    path("loans/<int:loan_id>/return", views.return_loan),
]
