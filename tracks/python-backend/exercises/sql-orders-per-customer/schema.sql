CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('paid', 'cancelled'))
);

INSERT INTO customers (id, name) VALUES
  (1, 'Ada'),
  (2, 'Grace'),
  (3, 'Linus'),
  (4, 'Margaret'),
  (5, 'Barbara'),
  (6, 'Ken');

INSERT INTO orders (id, customer_id, total_cents, status) VALUES
  (1, 1, 2500, 'paid'),
  (2, 1, 1000, 'paid'),
  (3, 2, 9900, 'paid'),
  (4, 2, 500,  'cancelled'),
  (5, 3, 4000, 'cancelled'),
  (6, 5, 3500, 'paid'),
  (7, 6, 1200, 'paid'),
  (8, 6, 1200, 'paid'),
  (9, 6, 1100, 'paid');
