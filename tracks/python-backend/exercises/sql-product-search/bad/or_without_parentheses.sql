-- Mistake: AND binds tighter than OR, so "... AND category = 'lighting' OR category =
-- 'garden'" lets in every garden product, lamp or not, at any price.
SELECT name, price_cents
FROM products
WHERE name LIKE '%lamp%'
  AND price_cents BETWEEN 1000 AND 5000
  AND discontinued = 0
  AND category = 'lighting' OR category = 'garden'
ORDER BY price_cents, name;
