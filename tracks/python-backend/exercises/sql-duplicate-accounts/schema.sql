CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT,                        -- as typed at sign-up: any case, maybe spaces; NULL if none
  created_at TEXT NOT NULL           -- 'YYYY-MM-DD'
);
