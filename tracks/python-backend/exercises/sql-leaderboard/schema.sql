CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  game TEXT NOT NULL,
  player TEXT NOT NULL,
  points INTEGER NOT NULL,
  played_at TEXT NOT NULL            -- 'YYYY-MM-DD HH:MM:SS'
);
