# Mistake: reads record.id after the transaction has committed; that reloads the row and
# so begins a new transaction that stays open, and the next transfer's session.begin()
# fails.
import os
import tempfile

from sqlalchemy import CheckConstraint, Column, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


# --- Given: the models and new_bank(). Keep them as they are. ---------------------------

class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("balance_cents >= 0"),)

    id = Column(Integer, primary_key=True)
    owner = Column(String, nullable=False)
    balance_cents = Column(Integer, nullable=False)


class Transfer(Base):
    __tablename__ = "transfers"
    __table_args__ = (CheckConstraint("amount_cents > 0"),)

    id = Column(Integer, primary_key=True)
    from_id = Column(Integer, ForeignKey("accounts.id"), nullable=False)
    to_id = Column(Integer, ForeignKey("accounts.id"), nullable=False)
    amount_cents = Column(Integer, nullable=False)
    memo = Column(String, nullable=False, default="")


def _set_up_connection(dbapi_connection, connection_record):
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    # A bank for one test: no need to wait for the disk at every commit.
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def new_bank(accounts):
    """A session on a new bank (a database file of its own) that holds `accounts`, a list of
    (owner, balance_cents) pairs, with ids 1, 2, 3... Nothing is left uncommitted."""
    path = os.path.join(tempfile.mkdtemp(), "bank.db")
    # timeout: a connection that finds the database locked gives up after 0.5 s, not 5 s.
    engine = create_engine(f"sqlite:///{path}", future=True, connect_args={"timeout": 0.5})
    event.listen(engine, "connect", _set_up_connection)
    Base.metadata.create_all(engine)
    session = Session(engine, future=True)
    with session.begin():
        session.add_all(Account(owner=owner, balance_cents=balance) for owner, balance in accounts)
    return session


# --- Yours. ------------------------------------------------------------------------------

def transfer(session, from_id, to_id, amount_cents, memo=""):
    """Move amount_cents from account from_id to account to_id, all or nothing, and return
    the id of the new Transfer row. See README.md for what is refused."""
    if type(amount_cents) is not int or amount_cents <= 0:
        raise ValueError(f"the amount must be a whole number of cents above 0, not {amount_cents!r}")
    if from_id == to_id:
        raise ValueError("an account cannot send money to itself")
    # One transaction: it commits when the block ends, and rolls back if anything inside it
    # raises, whether our ValueError or the database's IntegrityError.
    with session.begin():
        source = session.get(Account, from_id)
        target = session.get(Account, to_id)
        if source is None or target is None:
            raise ValueError(f"no account {from_id if source is None else to_id}")
        if source.balance_cents < amount_cents:
            raise ValueError(f"account {from_id} holds {source.balance_cents} cents, less than {amount_cents}")
        source.balance_cents -= amount_cents
        target.balance_cents += amount_cents
        record = Transfer(from_id=from_id, to_id=to_id, amount_cents=amount_cents, memo=memo)
        session.add(record)
    return record.id
