from sqlalchemy import create_engine, text


def new_connection(users):
    """A connection to a new in-memory database whose table `users` holds `users`, a list of
    (name, city) pairs; their ids are 1, 2, 3... in that order. Given: keep it as it is."""
    engine = create_engine("sqlite://", future=True)
    connection = engine.connect()
    connection.execute(text("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT)"))
    if users:
        connection.execute(
            text("INSERT INTO users (name, city) VALUES (:name, :city)"),
            [{"name": name, "city": city} for name, city in users],
        )
    return connection


def find_users(connection, fragment, city=None, limit=10):
    """[(id, name, city), ...] of the users whose name contains `fragment`: see README.md."""
    result = connection.execute(text("SELECT id, name, city FROM users"))
    return [tuple(row) for row in result]


def rename_user(connection, user_id, new_name):
    """Give the user `user_id` the name `new_name`; return how many users were changed."""
    return 0
