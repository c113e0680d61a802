-- Mistake (off by one): ">=" also lists the products that cost exactly the average.
SELECT p.name, p.category, p.price_cents
FROM products AS p
WHERE p.price_cents >= (
  SELECT AVG(q.price_cents) FROM products AS q WHERE q.category IS p.category
)
ORDER BY p.category, p.price_cents DESC, p.name;
