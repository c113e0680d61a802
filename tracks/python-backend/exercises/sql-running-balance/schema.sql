CREATE TABLE transactions (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  booked_on TEXT NOT NULL,           -- 'YYYY-MM-DD'
  amount_cents INTEGER NOT NULL      -- money in is positive, money out negative
);
