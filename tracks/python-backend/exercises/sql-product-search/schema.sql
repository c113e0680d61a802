CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,            -- 'lighting', 'garden', 'kitchen', ...
  price_cents INTEGER,               -- NULL: "price on request"
  discontinued INTEGER NOT NULL      -- 1 = no longer sold, 0 = for sale
);
