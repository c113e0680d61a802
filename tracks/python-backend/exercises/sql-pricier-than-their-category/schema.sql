CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT,                     -- NULL: not filed in a category yet
  price_cents INTEGER                -- NULL: "price on request"
);
