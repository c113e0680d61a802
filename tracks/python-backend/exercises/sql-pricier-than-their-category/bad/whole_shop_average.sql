-- Mistake: compares every product with the average of the whole shop, not of its category.
SELECT name, category, price_cents
FROM products
WHERE price_cents > (SELECT AVG(price_cents) FROM products)
ORDER BY category, price_cents DESC, name;
