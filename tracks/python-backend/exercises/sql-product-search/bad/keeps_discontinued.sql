-- Mistake: forgets the discontinued flag, so lamps the shop no longer sells are listed.
SELECT name, price_cents
FROM products
WHERE name LIKE '%lamp%'
  AND category IN ('lighting', 'garden')
  AND price_cents BETWEEN 1000 AND 5000
ORDER BY price_cents, name;
