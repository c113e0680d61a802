-- Lamps in lighting or garden, 1000 to 5000 cents (both included), still for sale,
-- cheapest first, then by name.
SELECT name, price_cents
FROM products
WHERE name LIKE '%lamp%';
