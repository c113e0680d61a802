-- Mistake: SUM / COUNT(*) divides by every product of the category, also those without a
-- price, so the average is too low.
SELECT p.name, p.category, p.price_cents
FROM products AS p
WHERE p.price_cents > (
  SELECT SUM(q.price_cents) * 1.0 / COUNT(*) FROM products AS q WHERE q.category IS p.category
)
ORDER BY p.category, p.price_cents DESC, p.name;
