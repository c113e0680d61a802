-- Mistake: sorts the prices cheapest first inside a category; the README asks for the
-- highest first.
SELECT p.name, p.category, p.price_cents
FROM products AS p
WHERE p.price_cents > (
  SELECT AVG(q.price_cents) FROM products AS q WHERE q.category IS p.category
)
ORDER BY p.category, p.price_cents, p.name;
