-- `IS` compares like `=`, except that NULL IS NULL is true: the uncategorised products
-- are compared with each other.
SELECT p.name, p.category, p.price_cents
FROM products AS p
WHERE p.price_cents > (
  SELECT AVG(q.price_cents)
  FROM products AS q
  WHERE q.category IS p.category
)
ORDER BY p.category, p.price_cents DESC, p.name;
