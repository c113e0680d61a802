-- Mistake (off by one): < and > leave out the products that cost exactly 1000 or 5000.
SELECT name, price_cents
FROM products
WHERE name LIKE '%lamp%'
  AND category IN ('lighting', 'garden')
  AND price_cents > 1000 AND price_cents < 5000
  AND discontinued = 0
ORDER BY price_cents, name;
