-- Mistake: instr() compares letters with their case, so "Solar LAMP" and "Lampshade" are
-- missed.
SELECT name, price_cents
FROM products
WHERE instr(name, 'lamp') > 0
  AND category IN ('lighting', 'garden')
  AND price_cents BETWEEN 1000 AND 5000
  AND discontinued = 0
ORDER BY price_cents, name;
