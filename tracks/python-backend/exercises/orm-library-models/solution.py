from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False, unique=True)

    books = relationship("Book", back_populates="author", order_by="Book.title")


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (CheckConstraint("price_cents >= 0", name="price_not_negative"),)

    id = Column(Integer, primary_key=True)
    title = Column(String, nullable=False)
    price_cents = Column(Integer, nullable=False)
    author_id = Column(Integer, ForeignKey("authors.id"), nullable=False)

    author = relationship("Author", back_populates="books")


def _enforce_foreign_keys(dbapi_connection, connection_record):
    # SQLite ignores REFERENCES unless each connection asks for the check.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def new_session():
    """A session on a new, empty in-memory database that has both tables."""
    engine = create_engine("sqlite://")
    event.listen(engine, "connect", _enforce_foreign_keys)
    Base.metadata.create_all(engine)
    return Session(engine)


def _save(session, row):
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise
    return row.id


def add_author(session, name):
    """Store a new author and return their id."""
    return _save(session, Author(name=name))


def add_book(session, author_id, title, price_cents):
    """Store a new book of the author `author_id` and return its id."""
    return _save(session, Book(author_id=author_id, title=title, price_cents=price_cents))


def catalogue(session):
    """[(author name, [their titles, A to Z]), ...] for every author, by name."""
    authors = session.query(Author).order_by(Author.name)
    return [(author.name, [book.title for book in author.books]) for author in authors]
