from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    # TODO: name, and the relationship `books`


class Book(Base):
    __tablename__ = "books"

    id = Column(Integer, primary_key=True)
    # TODO: title, price_cents (never negative), author_id, and the relationship `author`


def new_session():
    """A session on a new, empty in-memory database that has both tables."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return Session(engine)


def add_author(session, name):
    """Store a new author and return their id."""
    # TODO


def add_book(session, author_id, title, price_cents):
    """Store a new book of the author `author_id` and return its id."""
    # TODO


def catalogue(session):
    """[(author name, [their titles, A to Z]), ...] for every author, by name."""
    return []
