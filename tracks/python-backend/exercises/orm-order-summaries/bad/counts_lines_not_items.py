# Mistake: counts the lines of an order, not the items (a line of 3 pens is 3 items).
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload

Base = declarative_base()


# --- Given: the models, new_shop() and count_statements(). Keep them as they are. --------

class Customer(Base):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False)

    orders = relationship("Order", back_populates="customer")


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    placed_at = Column(String, nullable=False)  # 'YYYY-MM-DD HH:MM:SS'

    customer = relationship("Customer", back_populates="orders")
    lines = relationship("OrderLine", back_populates="order")


class OrderLine(Base):
    __tablename__ = "order_lines"

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"), nullable=False)
    product = Column(String, nullable=False)
    quantity = Column(Integer, nullable=False)
    price_cents = Column(Integer, nullable=False)

    order = relationship("Order", back_populates="lines")


def new_shop(customers, orders):
    """A fresh session on a new in-memory shop. `customers` is a list of names (ids 1, 2...);
    `orders` a list of (customer_id, placed_at, [(product, quantity, price_cents), ...])
    (ids 1, 2...). The session starts with nothing loaded."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as setup:
        setup.add_all(Customer(name=name) for name in customers)
        setup.flush()
        for customer_id, placed_at, lines in orders:
            order = Order(customer_id=customer_id, placed_at=placed_at)
            order.lines = [OrderLine(product=p, quantity=q, price_cents=c) for p, q, c in lines]
            setup.add(order)
        setup.commit()
    return Session(engine)


def count_statements(session, function_name, *args):
    """For the tests: calls your function `function_name`(session, *args) and returns
    (what it returned, how many SQL statements it sent to the database)."""
    engine = session.get_bind()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = globals()[function_name](session, *args)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return result, len(statements)


# --- Yours. ------------------------------------------------------------------------------

def order_summaries(session, since):
    """One dict per order placed on `since` ('YYYY-MM-DD') or later, newest first: see
    README.md. At most 3 SQL statements, however many orders there are."""
    orders = (
        session.query(Order)
        .options(joinedload(Order.customer), selectinload(Order.lines))
        .filter(Order.placed_at >= since)
        .order_by(Order.placed_at.desc(), Order.id.desc())
    )
    return [
        {
            "order_id": order.id,
            "customer": order.customer.name,
            "placed_at": order.placed_at,
            "items": len(order.lines),
            "total_cents": sum(line.quantity * line.price_cents for line in order.lines),
        }
        for order in orders
    ]
