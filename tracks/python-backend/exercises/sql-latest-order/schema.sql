CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL                -- not unique: two customers may share a name
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  placed_at TEXT NOT NULL,          -- 'YYYY-MM-DD HH:MM:SS', so text order is time order
  total_cents INTEGER NOT NULL
);
