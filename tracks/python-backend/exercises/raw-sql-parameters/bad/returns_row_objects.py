# Mistake: returns SQLAlchemy's Row objects instead of plain tuples.
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


def like_pattern(fragment):
    """A LIKE pattern that finds `fragment` anywhere, with its own %, _ and \\ taken literally."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_users(connection, fragment, city=None, limit=10):
    """[(id, name, city), ...] of the users whose name contains `fragment`: see README.md."""
    sql = "SELECT id, name, city FROM users WHERE name LIKE :pattern ESCAPE '\\'"
    params = {"pattern": like_pattern(fragment), "limit": limit}
    if city is not None:
        sql += " AND city = :city"
        params["city"] = city
    sql += " ORDER BY name, id DESC LIMIT :limit"
    return connection.execute(text(sql), params).fetchall()


def rename_user(connection, user_id, new_name):
    """Give the user `user_id` the name `new_name`; return how many users were changed."""
    result = connection.execute(
        text("UPDATE users SET name = :name WHERE id = :id"),
        {"name": new_name, "id": user_id},
    )
    return result.rowcount
