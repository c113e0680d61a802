"""The lending library's data and rules, shared by the routes (app.py).

Every function takes plain values and returns (status, body): the routes only parse the
request and send the answer. PostgreSQL comes from DATABASE_URL; the schema is made by the
numbered migrations below, each applied once and recorded in schema_migrations.
"""
import datetime
import os
import re

from sqlalchemy import (CheckConstraint, Column, Date, DateTime, ForeignKey, Integer, String, Table, Text, create_engine,
                        func, select, text)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload

LOAN_DAYS = 14
MAX_PAGE = 100
ISBN = re.compile(r"[0-9]{13}")  # fullmatch: "$" would also take a final line break
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

engine = create_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=5, future=True)

MIGRATIONS = [
    (1, """
CREATE TABLE authors (
    id serial PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE books (
    id serial PRIMARY KEY,
    title text NOT NULL,
    isbn text NOT NULL UNIQUE,
    copies integer NOT NULL CHECK (copies >= 0)
);
CREATE TABLE book_authors (
    book_id integer NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    author_id integer NOT NULL REFERENCES authors(id),
    PRIMARY KEY (book_id, author_id)
);
CREATE INDEX book_authors_author ON book_authors (author_id);
CREATE TABLE members (
    id serial PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE
);
CREATE TABLE loans (
    id serial PRIMARY KEY,
    book_id integer NOT NULL REFERENCES books(id),
    member_id integer NOT NULL REFERENCES members(id),
    loaned_at timestamptz NOT NULL DEFAULT now(),
    due_at date NOT NULL,
    returned_at timestamptz
);
CREATE INDEX loans_book ON loans (book_id);
CREATE INDEX loans_member ON loans (member_id);
"""),
    # Title search is a prefix search on lower(title); the database's collation is not C, so
    # only an index with text_pattern_ops can serve LIKE 'abc%'.
    (2, "CREATE INDEX books_title_prefix ON books (lower(title) text_pattern_ops)"),
]


def migrate():
    with engine.begin() as conn:
        # Two processes starting at once must not both apply a migration.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(20261206)")
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
        done = {row[0] for row in conn.exec_driver_sql("SELECT version FROM schema_migrations")}
        for version, sql in MIGRATIONS:
            if version not in done:
                conn.exec_driver_sql(sql)
                conn.execute(text("INSERT INTO schema_migrations (version) VALUES (:v)"), {"v": version})


Base = declarative_base()

book_authors = Table(
    "book_authors", Base.metadata,
    Column("book_id", ForeignKey("books.id"), primary_key=True),
    Column("author_id", ForeignKey("authors.id"), primary_key=True),
)


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(Text, nullable=False)


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (CheckConstraint("copies >= 0"),)
    id = Column(Integer, primary_key=True)
    title = Column(Text, nullable=False)
    isbn = Column(String, nullable=False, unique=True)
    copies = Column(Integer, nullable=False)
    authors = relationship(Author, secondary=book_authors, order_by=(Author.name, Author.id))


class Member(Base):
    __tablename__ = "members"
    id = Column(Integer, primary_key=True)
    name = Column(Text, nullable=False)
    email = Column(Text, nullable=False, unique=True)


class Loan(Base):
    __tablename__ = "loans"
    id = Column(Integer, primary_key=True)
    book_id = Column(ForeignKey("books.id"), nullable=False)
    member_id = Column(ForeignKey("members.id"), nullable=False)
    loaned_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    due_at = Column(Date, nullable=False)
    returned_at = Column(DateTime(timezone=True))
    book = relationship(Book)
    member = relationship(Member)


def error(status, message):
    return status, {"error": message}


def author_json(author):
    return {"id": author.id, "name": author.name}


def book_json(book):
    return {"id": book.id, "title": book.title, "isbn": book.isbn, "copies": book.copies, "authors": [author_json(a) for a in book.authors]}


def member_json(member):
    return {"id": member.id, "name": member.name, "email": member.email}


def loan_json(loan):
    return {
        "id": loan.id, "book_id": loan.book_id, "member_id": loan.member_id,
        "loaned_at": loan.loaned_at.isoformat(), "due_at": loan.due_at.isoformat(),
        "returned_at": loan.returned_at.isoformat() if loan.returned_at else None,
    }


def is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2147483647  # what an integer column holds


def is_text(value):
    return isinstance(value, str) and value.strip() != ""


def is_id_list(value):
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)


# --- health ---------------------------------------------------------------------------

def health():
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
    return 200, {"status": "ok", "database": "ok"}


# --- authors --------------------------------------------------------------------------

def create_author(data):
    if not is_text(data.get("name")):
        return error(422, "name must be a non-empty string")
    with Session(engine) as session, session.begin():
        author = Author(name=data["name"].strip())
        session.add(author)
        session.flush()
        return 201, author_json(author)


def get_author(author_id):
    with Session(engine) as session:
        author = session.get(Author, author_id)
        return (200, author_json(author)) if author else error(404, f"no author {author_id}")


def delete_author(author_id):
    with Session(engine) as session, session.begin():
        author = session.get(Author, author_id)
        if author is None:
            return error(404, f"no author {author_id}")
        if session.execute(select(book_authors.c.book_id).where(book_authors.c.author_id == author_id).limit(1)).first():
            return error(409, "this author still has books; delete or change them first")
        session.delete(author)
        return 204, None


def author_books(author_id):
    with Session(engine) as session:
        if session.get(Author, author_id) is None:
            return error(404, f"no author {author_id}")
        books = session.scalars(
            select(Book).join(book_authors).where(book_authors.c.author_id == author_id)
            .options(selectinload(Book.authors)).order_by(Book.title, Book.id)
        ).all()
        return 200, {"books": [book_json(b) for b in books]}


def author_stats(author_id):
    with Session(engine) as session:
        if session.get(Author, author_id) is None:
            return error(404, f"no author {author_id}")
        # Two aggregates over different fan-outs: counting loans per book would repeat each
        # book's copies once per loan, so each sum is taken on its own.
        books, copies = session.execute(
            select(func.count(Book.id), func.coalesce(func.sum(Book.copies), 0))
            .join(book_authors).where(book_authors.c.author_id == author_id)
        ).one()
        total, open_ = session.execute(
            select(func.count(Loan.id), func.count(Loan.id).filter(Loan.returned_at.is_(None)))
            .join(book_authors, book_authors.c.book_id == Loan.book_id).where(book_authors.c.author_id == author_id)
        ).one()
        return 200, {"author_id": author_id, "books": books, "copies_available": int(copies), "loans_total": total, "loans_open": open_}


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
        if field == "copies" and not is_count(value):
            return "copies must be a whole number, 0 or more"
    if "author_ids" in data and not is_id_list(data["author_ids"]):
        return "author_ids must be a list of author ids"
    return None


def load_authors(session, ids):
    """The authors of these ids, or the first id that does not exist."""
    wanted = list(dict.fromkeys(ids))
    found = {a.id: a for a in session.scalars(select(Author).where(Author.id.in_(wanted)))} if wanted else {}
    missing = [i for i in wanted if i not in found]
    return [found[i] for i in wanted if i in found], (missing[0] if missing else None)


def create_book(data):
    problem = check_book_fields(data, partial=False)
    if problem:
        return error(422, problem)
    try:
        with Session(engine) as session, session.begin():
            authors, missing = load_authors(session, data.get("author_ids", []))
            if missing is not None:
                return error(422, f"no author {missing}")
            book = Book(title=data["title"].strip(), isbn=data["isbn"], copies=data["copies"], authors=authors)
            session.add(book)
            session.flush()
            session.refresh(book)
            return 201, book_json(book)
    except IntegrityError:
        return error(409, f"a book with isbn {data['isbn']} already exists")


def get_book(book_id):
    with Session(engine) as session:
        book = session.get(Book, book_id, options=[selectinload(Book.authors)])
        return (200, book_json(book)) if book else error(404, f"no book {book_id}")


def update_book(book_id, data):
    problem = check_book_fields(data, partial=True)
    if problem:
        return error(422, problem)
    try:
        with Session(engine) as session, session.begin():
            book = session.get(Book, book_id)
            if book is None:
                return error(404, f"no book {book_id}")
            for field in ("title", "isbn", "copies"):
                if field in data:
                    setattr(book, field, data[field].strip() if field == "title" else data[field])
            if "author_ids" in data:
                authors, missing = load_authors(session, data["author_ids"])
                if missing is not None:
                    return error(422, f"no author {missing}")
                book.authors = authors
            session.flush()
            session.refresh(book)
            return 200, book_json(book)
    except IntegrityError:
        return error(409, f"a book with isbn {data.get('isbn')} already exists")


def delete_book(book_id):
    with Session(engine) as session, session.begin():
        book = session.get(Book, book_id)
        if book is None:
            return error(404, f"no book {book_id}")
        if session.execute(select(Loan.id).where(Loan.book_id == book_id).limit(1)).first():
            return error(409, "this book has loans; it cannot be deleted")
        session.delete(book)
        return 204, None


def parse_limit(raw):
    if raw is None:
        return 20
    if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= MAX_PAGE:
        return None
    return int(raw)


def list_books(limit_raw, cursor):
    limit = parse_limit(limit_raw)
    if limit is None:
        return error(400, f"limit must be a whole number from 1 to {MAX_PAGE}")
    query = select(Book).options(selectinload(Book.authors)).order_by(Book.id.desc()).limit(limit + 1)
    if cursor is not None:
        if not re.fullmatch(r"[0-9]{1,9}", cursor):
            return error(400, "cursor is not one this API gave")
        # Keyset pagination: the next page starts after the last book seen, however many
        # books were added since; an OFFSET would shift when newer books arrive.
        query = query.where(Book.id < int(cursor))
    with Session(engine) as session:
        books = session.scalars(query).all()
        page = books[:limit]
        more = len(books) > limit
        return 200, {"books": [book_json(b) for b in page], "next": str(page[-1].id) if more else None}


def search_books(title):
    if not is_text(title):
        return error(422, "give the start of a title: ?title=...")
    prefix = title.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with Session(engine) as session:
        books = session.scalars(
            select(Book).where(func.lower(Book.title).like(prefix + "%", escape="\\"))
            .options(selectinload(Book.authors)).order_by(Book.title, Book.id).limit(20)
        ).all()
        return 200, {"books": [book_json(b) for b in books]}


# --- members --------------------------------------------------------------------------

def create_member(data):
    if not is_text(data.get("name")):
        return error(422, "name must be a non-empty string")
    email = data.get("email")
    if not (isinstance(email, str) and EMAIL.match(email.strip())):
        return error(422, "email must be an email address")
    try:
        with Session(engine) as session, session.begin():
            member = Member(name=data["name"].strip(), email=email.strip().lower())
            session.add(member)
            session.flush()
            return 201, member_json(member)
    except IntegrityError:
        return error(409, "a member with this email already exists")


def get_member(member_id):
    with Session(engine) as session:
        member = session.get(Member, member_id)
        return (200, member_json(member)) if member else error(404, f"no member {member_id}")


# --- loans ----------------------------------------------------------------------------

class Refused(Exception):
    def __init__(self, status, body):
        super().__init__(body)
        self.answer = (status, body)


def create_loans(data):
    member_id, book_ids = data.get("member_id"), data.get("book_ids")
    if not isinstance(member_id, int) or isinstance(member_id, bool):
        return error(422, "member_id must be a member's id")
    if not is_id_list(book_ids) or not book_ids:
        return error(422, "book_ids must be a non-empty list of book ids")
    if len(set(book_ids)) != len(book_ids):
        return error(422, "a book can be borrowed only once per loan")
    due = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=LOAN_DAYS)
    try:
        # One transaction: either every book is lent, or none is.
        with Session(engine) as session, session.begin():
            if session.get(Member, member_id) is None:
                raise Refused(404, {"error": f"no member {member_id}"})
            loans = []
            for book_id in book_ids:
                # Takes a copy only if one is left, in one statement that locks the row:
                # two requests for the last copy cannot both get it.
                taken = session.execute(
                    text("UPDATE books SET copies = copies - 1 WHERE id = :id AND copies > 0 RETURNING id"), {"id": book_id}
                ).first()
                if taken is None:
                    if session.get(Book, book_id) is None:
                        raise Refused(404, {"error": f"no book {book_id}", "book_id": book_id})
                    raise Refused(409, {"error": f"no copy of book {book_id} is left", "book_id": book_id})
                loan = Loan(book_id=book_id, member_id=member_id, due_at=due)
                session.add(loan)
                loans.append(loan)
            session.flush()
            for loan in loans:
                session.refresh(loan)
            return 201, {"loans": [loan_json(loan) for loan in loans]}
    except Refused as refused:
        return refused.answer


def return_loan(loan_id):
    with Session(engine) as session, session.begin():
        loan = session.execute(select(Loan).where(Loan.id == loan_id).with_for_update()).scalar_one_or_none()
        if loan is None:
            return error(404, f"no loan {loan_id}")
        if loan.returned_at is not None:
            return error(409, "this loan was already returned")
        loan.returned_at = func.now()
        session.execute(text("UPDATE books SET copies = copies + 1 WHERE id = :id"), {"id": loan.book_id})
        session.flush()
        session.refresh(loan)
        return 200, loan_json(loan)


def overdue(on):
    try:
        day = datetime.datetime.strptime(on or "", "%Y-%m-%d").date()  # fromisoformat also takes 20270131
    except ValueError:
        return error(400, "on must be a date: YYYY-MM-DD")
    with Session(engine) as session:
        rows = session.execute(
            select(Loan.id, Loan.due_at, Book.id, Book.title, Member.id, Member.name)
            .join(Book, Book.id == Loan.book_id).join(Member, Member.id == Loan.member_id)
            .where(Loan.returned_at.is_(None), Loan.due_at < day)
            .order_by(Loan.due_at, Loan.id)
        ).all()
        return 200, {"loans": [
            {"id": r[0], "due_at": r[1].isoformat(), "book": {"id": r[2], "title": r[3]}, "member": {"id": r[4], "name": r[5]}}
            for r in rows
        ]}
