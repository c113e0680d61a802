CREATE TABLE customers (
  id integer PRIMARY KEY,
  email text NOT NULL
);
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  created_at timestamp NOT NULL,
  total numeric(10, 2) NOT NULL
);
INSERT INTO customers (id, email)
SELECT n, 'customer' || n || '@example.com' FROM generate_series(1, 200) AS n;
INSERT INTO orders (id, customer_id, created_at, total)
SELECT n, 1 + n % 200, timestamp '2024-01-01' + n * interval '1 hour', (n % 90) + 9.99
FROM generate_series(1, 2000) AS n;
ANALYZE customers;
ANALYZE orders;
