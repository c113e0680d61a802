CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL,          -- 1 = active, 0 = deactivated
  created_at TEXT NOT NULL          -- ISO 8601 date, so text order is date order
);
