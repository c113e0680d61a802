CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL                -- not unique: two users may share a name
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  due_date TEXT,                 -- YYYY-MM-DD, or NULL when there is no deadline
  done_at TEXT                   -- NULL while the task is open
);
