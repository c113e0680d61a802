from django.db import models
from django.db.models import Q
from django.utils import timezone


class Author(models.Model):
    name = models.TextField()

    class Meta:
        db_table = "authors"


class Book(models.Model):
    title = models.TextField()
    isbn = models.TextField(unique=True)
    copies = models.IntegerField()
    authors = models.ManyToManyField(Author, related_name="books", db_table="book_authors")

    class Meta:
        db_table = "books"
        constraints = [models.CheckConstraint(check=Q(copies__gte=0), name="books_copies_not_negative")]


class Member(models.Model):
    name = models.TextField()
    email = models.TextField(unique=True)

    class Meta:
        db_table = "members"


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.PROTECT, related_name="loans")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="loans")
    loaned_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateField()
    returned_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "loans"
