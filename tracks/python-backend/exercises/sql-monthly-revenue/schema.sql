CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  paid_at TEXT NOT NULL,             -- 'YYYY-MM-DD HH:MM:SS' (UTC), so text order is time order
  amount_cents INTEGER NOT NULL,     -- a refund is a negative amount
  status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed'))
);
