CREATE TABLE signups (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  signed_up_at TEXT NOT NULL         -- 'YYYY-MM-DD HH:MM:SS'
);
