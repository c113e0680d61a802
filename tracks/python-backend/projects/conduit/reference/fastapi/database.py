"""The SQLite database at DATABASE_URL: schema, a connection per request (a FastAPI
dependency), and the queries more than one route needs."""
import os
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    bio TEXT,
    image TEXT
);
CREATE TABLE IF NOT EXISTS follows (
    follower_id INTEGER NOT NULL REFERENCES users(id),
    followed_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (follower_id, followed_id)
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX IF NOT EXISTS article_tags_by_tag ON article_tags (tag);
CREATE TABLE IF NOT EXISTS favorites (
    user_id INTEGER NOT NULL REFERENCES users(id),
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, article_id)
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


def database_path():
    url = os.environ.get("DATABASE_URL", "sqlite:///conduit.db")
    if not url.startswith("sqlite:///"):
        raise RuntimeError("this app only supports sqlite:/// database URLs")
    return url[len("sqlite:///"):]


def connect():
    # FastAPI runs sync dependencies in a worker thread and async endpoints in the event
    # loop: the connection crosses threads, though each request still has its own.
    connection = sqlite3.connect(database_path(), timeout=10, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def get_db():
    connection = connect()
    try:
        yield connection
    finally:
        connection.close()


def create_tables():
    with connect() as connection:
        connection.executescript(SCHEMA)


def one(db, sql, params=()):
    return db.execute(sql, params).fetchone()


def user_by_id(db, user_id):
    return one(db, "SELECT * FROM users WHERE id = ?", (user_id,))


def user_by_name(db, username):
    return one(db, "SELECT * FROM users WHERE username = ?", (username,))


def follows(db, follower_id, followed_id):
    if follower_id is None:
        return False
    return one(db, "SELECT 1 FROM follows WHERE follower_id = ? AND followed_id = ?", (follower_id, followed_id)) is not None


def taken(db, username=None, email=None, except_id=0):
    """{"username": [...], "email": [...]} for each value another user already has."""
    errors = {}
    for column, value in (("username", username), ("email", email)):
        if value is not None and one(db, f"SELECT 1 FROM users WHERE {column} = ? AND id != ?", (value, except_id)):
            errors[column] = ["has already been taken"]
    return errors


def article_tags(db, article_id):
    rows = db.execute("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY position", (article_id,))
    return [row["tag"] for row in rows]


def set_tags(db, article_id, tags):
    db.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
    db.executemany("INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)",
                   [(article_id, tag, position) for position, tag in enumerate(tags)])


def favorites_count(db, article_id):
    return one(db, "SELECT COUNT(*) FROM favorites WHERE article_id = ?", (article_id,))[0]


def favorited(db, article_id, user_id):
    if user_id is None:
        return False
    return one(db, "SELECT 1 FROM favorites WHERE article_id = ? AND user_id = ?", (article_id, user_id)) is not None
