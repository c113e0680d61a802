CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL                -- not unique: two customers may share a name
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('paid', 'cancelled'))
);
