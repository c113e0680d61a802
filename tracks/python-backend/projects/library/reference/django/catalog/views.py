"""The lending library's routes, with Django's ORM on PostgreSQL."""
import datetime
import json
import re

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from .models import Author, Book, Loan, Member

LOAN_DAYS = 14
MAX_PAGE = 100
ISBN = re.compile(r"[0-9]{13}")  # fullmatch: "$" would also take a final line break
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def error(status, message, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


def methods(**handlers):
    """One view per URL, dispatching on the method."""
    def view(request, *args, **kwargs):
        handler = handlers.get(request.method)
        if handler is None:
            return error(405, "method not allowed")
        return handler(request, *args, **kwargs)
    return view


def json_body(request):
    try:
        data = json.loads(request.body or b"")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def with_body(handler):
    def view(request, *args, **kwargs):
        data = json_body(request)
        if data is None:
            return error(400, "the body must be a JSON object")
        return handler(request, data, *args, **kwargs)
    return view


def is_text(value):
    return isinstance(value, str) and value.strip() != ""


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_id_list(value):
    return isinstance(value, list) and all(is_id(v) for v in value)


def sorted_authors():
    return Prefetch("authors", queryset=Author.objects.order_by("name", "id"))


def author_json(author):
    return {"id": author.id, "name": author.name}


def book_json(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "copies": book.copies, "authors": [author_json(a) for a in book.authors.all()]}


def loan_json(loan):
    return {
        "id": loan.id, "book_id": loan.book_id, "member_id": loan.member_id,
        "loaned_at": loan.loaned_at.isoformat(), "due_at": loan.due_at.isoformat(),
        "returned_at": loan.returned_at.isoformat() if loan.returned_at else None,
    }


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": "ok"})


# --- authors --------------------------------------------------------------------------

@with_body
def create_author(request, data):
    if not is_text(data.get("name")):
        return error(422, "name must be a non-empty string")
    author = Author.objects.create(name=data["name"].strip())
    return JsonResponse(author_json(author), status=201)


def get_author(request, author_id):
    author = Author.objects.filter(id=author_id).first()
    return JsonResponse(author_json(author)) if author else error(404, f"no author {author_id}")


def delete_author(request, author_id):
    with transaction.atomic():
        author = Author.objects.filter(id=author_id).first()
        if author is None:
            return error(404, f"no author {author_id}")
        if author.books.exists():
            return error(409, "this author still has books; delete or change them first")
        author.delete()
    return HttpResponse(status=204)


def author_books(request, author_id):
    if not Author.objects.filter(id=author_id).exists():
        return error(404, f"no author {author_id}")
    books = Book.objects.filter(authors__id=author_id).prefetch_related(sorted_authors()).order_by("title", "id")
    return JsonResponse({"books": [book_json(b) for b in books]})


def author_stats(request, author_id):
    if not Author.objects.filter(id=author_id).exists():
        return error(404, f"no author {author_id}")
    # Each aggregate over the rows it is about: books joined to loans would repeat copies.
    books = Book.objects.filter(authors__id=author_id).aggregate(n=Count("id"), copies=Coalesce(Sum("copies"), 0))
    loans = Loan.objects.filter(book__authors__id=author_id).aggregate(total=Count("id"), open=Count("id", filter=Q(returned_at__isnull=True)))
    return JsonResponse({"author_id": author_id, "books": books["n"], "copies_available": books["copies"], "loans_total": loans["total"], "loans_open": loans["open"]})


authors = methods(POST=create_author)
author = methods(GET=get_author, DELETE=delete_author)


# --- books ----------------------------------------------------------------------------

def check_book_fields(data, partial):
    for field in ("title", "isbn", "copies"):
        if field not in data:
            if partial:
                continue
            return f"{field} is required"
        value = data[field]
        if field == "title" and not is_text(value):
            return "title must be a non-empty string"
        if field == "isbn" and not (isinstance(value, str) and ISBN.fullmatch(value)):
            return "isbn must be a string of 13 digits"
        if field == "copies" and not (is_id(value) and 0 <= value <= 2147483647):
            return "copies must be a whole number, 0 or more"
    if "author_ids" in data and not is_id_list(data["author_ids"]):
        return "author_ids must be a list of author ids"
    return None


def missing_author(ids):
    found = set(Author.objects.filter(id__in=ids).values_list("id", flat=True))
    return next((i for i in ids if i not in found), None)


def book_answer(book_id, status):
    book = Book.objects.prefetch_related(sorted_authors()).get(id=book_id)
    return JsonResponse(book_json(book), status=status)


@with_body
def create_book(request, data):
    problem = check_book_fields(data, partial=False)
    if problem:
        return error(422, problem)
    ids = list(dict.fromkeys(data.get("author_ids", [])))
    try:
        with transaction.atomic():
            missing = missing_author(ids)
            if missing is not None:
                return error(422, f"no author {missing}")
            book = Book.objects.create(title=data["title"].strip(), isbn=data["isbn"], copies=data["copies"])
            book.authors.set(ids)
    except IntegrityError:
        return error(409, f"a book with isbn {data['isbn']} already exists")
    return book_answer(book.id, 201)


def get_book(request, book_id):
    book = Book.objects.prefetch_related(sorted_authors()).filter(id=book_id).first()
    return JsonResponse(book_json(book)) if book else error(404, f"no book {book_id}")


@with_body
def update_book(request, data, book_id):
    problem = check_book_fields(data, partial=True)
    if problem:
        return error(422, problem)
    try:
        with transaction.atomic():
            book = Book.objects.filter(id=book_id).first()
            if book is None:
                return error(404, f"no book {book_id}")
            for field in ("title", "isbn", "copies"):
                if field in data:
                    setattr(book, field, data[field].strip() if field == "title" else data[field])
            book.save()
            if "author_ids" in data:
                ids = list(dict.fromkeys(data["author_ids"]))
                missing = missing_author(ids)
                if missing is not None:
                    transaction.set_rollback(True)
                    return error(422, f"no author {missing}")
                book.authors.set(ids)
    except IntegrityError:
        return error(409, f"a book with isbn {data.get('isbn')} already exists")
    return book_answer(book_id, 200)


def delete_book(request, book_id):
    with transaction.atomic():
        book = Book.objects.filter(id=book_id).first()
        if book is None:
            return error(404, f"no book {book_id}")
        if book.loans.exists():
            return error(409, "this book has loans; it cannot be deleted")
        book.delete()
    return HttpResponse(status=204)


def list_books(request):
    raw = request.GET.get("limit")
    if raw is None:
        limit = 20
    elif re.fullmatch(r"[0-9]{1,3}", raw) and 1 <= int(raw) <= MAX_PAGE:
        limit = int(raw)
    else:
        return error(400, f"limit must be a whole number from 1 to {MAX_PAGE}")
    query = Book.objects.prefetch_related(sorted_authors()).order_by("-id")
    cursor = request.GET.get("cursor")
    if cursor is not None:
        if not re.fullmatch(r"[0-9]{1,9}", cursor):
            return error(400, "cursor is not one this API gave")
        # Keyset pagination: after the last book seen, however many were added since.
        query = query.filter(id__lt=int(cursor))
    books = list(query[: limit + 1])
    page = books[:limit]
    return JsonResponse({"books": [book_json(b) for b in page], "next": str(page[-1].id) if len(books) > limit else None})


def search_books(request):
    title = request.GET.get("title")
    if not is_text(title):
        return error(422, "give the start of a title: ?title=...")
    # istartswith is UPPER(title) LIKE UPPER('...%'), wildcards escaped; migration 0002 makes its index.
    books = Book.objects.filter(title__istartswith=title.strip()).prefetch_related(sorted_authors()).order_by("title", "id")[:20]
    return JsonResponse({"books": [book_json(b) for b in books]})


books = methods(GET=list_books, POST=create_book)
book = methods(GET=get_book, PATCH=update_book, DELETE=delete_book)


# --- members --------------------------------------------------------------------------

@with_body
def create_member(request, data):
    if not is_text(data.get("name")):
        return error(422, "name must be a non-empty string")
    email = data.get("email")
    if not (isinstance(email, str) and EMAIL.match(email.strip())):
        return error(422, "email must be an email address")
    try:
        with transaction.atomic():
            member = Member.objects.create(name=data["name"].strip(), email=email.strip().lower())
    except IntegrityError:
        return error(409, "a member with this email already exists")
    return JsonResponse({"id": member.id, "name": member.name, "email": member.email}, status=201)


def get_member(request, member_id):
    member = Member.objects.filter(id=member_id).first()
    if member is None:
        return error(404, f"no member {member_id}")
    return JsonResponse({"id": member.id, "name": member.name, "email": member.email})


members = methods(POST=create_member)
member = methods(GET=get_member)


# --- loans ----------------------------------------------------------------------------

class Refused(Exception):
    def __init__(self, response):
        super().__init__("refused")
        self.response = response


@with_body
def create_loans(request, data):
    member_id, book_ids = data.get("member_id"), data.get("book_ids")
    if not is_id(member_id):
        return error(422, "member_id must be a member's id")
    if not is_id_list(book_ids) or not book_ids:
        return error(422, "book_ids must be a non-empty list of book ids")
    if len(set(book_ids)) != len(book_ids):
        return error(422, "a book can be borrowed only once per loan")
    due = timezone.now().date() + datetime.timedelta(days=LOAN_DAYS)
    try:
        # One transaction: every book is lent, or none is.
        with transaction.atomic():
            if not Member.objects.filter(id=member_id).exists():
                raise Refused(error(404, f"no member {member_id}"))
            loans = []
            for book_id in book_ids:
                # Takes a copy only if one is left, in one UPDATE: the last copy goes once.
                if Book.objects.filter(id=book_id, copies__gt=0).update(copies=F("copies") - 1) == 0:
                    if not Book.objects.filter(id=book_id).exists():
                        raise Refused(error(404, f"no book {book_id}", book_id=book_id))
                    raise Refused(error(409, f"no copy of book {book_id} is left", book_id=book_id))
                loans.append(Loan.objects.create(book_id=book_id, member_id=member_id, due_at=due))
    except Refused as refused:
        return refused.response
    return JsonResponse({"loans": [loan_json(loan) for loan in loans]}, status=201)


def return_loan(request, loan_id):
    if request.method != "POST":
        return error(405, "method not allowed")
    with transaction.atomic():
        loan = Loan.objects.select_for_update().filter(id=loan_id).first()
        if loan is None:
            return error(404, f"no loan {loan_id}")
        if loan.returned_at is not None:
            return error(409, "this loan was already returned")
        loan.returned_at = timezone.now()
        loan.save(update_fields=["returned_at"])
        Book.objects.filter(id=loan.book_id).update(copies=F("copies") + 1)
    return JsonResponse(loan_json(loan))


def overdue(request):
    try:
        day = datetime.datetime.strptime(request.GET.get("on") or "", "%Y-%m-%d").date()  # fromisoformat also takes 20270131
    except ValueError:
        return error(400, "on must be a date: YYYY-MM-DD")
    found = Loan.objects.select_related("book", "member").filter(returned_at__isnull=True, due_at__lt=day).order_by("due_at", "id")
    return JsonResponse({"loans": [
        {"id": l.id, "due_at": l.due_at.isoformat(), "book": {"id": l.book.id, "title": l.book.title}, "member": {"id": l.member.id, "name": l.member.name}}
        for l in found
    ]})


loans = methods(POST=create_loans)
