CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  published_at TEXT                  -- 'YYYY-MM-DD HH:MM:SS'; NULL while the post is a draft
);
