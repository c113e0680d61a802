-- Mistake: "q.category = p.category" is never true when both are NULL, so the products
-- without a category are never listed.
SELECT p.name, p.category, p.price_cents
FROM products AS p
WHERE p.price_cents > (
  SELECT AVG(q.price_cents) FROM products AS q WHERE q.category = p.category
)
ORDER BY p.category, p.price_cents DESC, p.name;
