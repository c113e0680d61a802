-- Mistake: 'lamp%' only finds names that start with lamp, so "Desk lamp" is missed.
SELECT name, price_cents
FROM products
WHERE name LIKE 'lamp%'
  AND category IN ('lighting', 'garden')
  AND price_cents BETWEEN 1000 AND 5000
  AND discontinued = 0
ORDER BY price_cents, name;
