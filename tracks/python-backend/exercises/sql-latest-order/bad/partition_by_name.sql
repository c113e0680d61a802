-- Mistake: numbers the orders per customer name, so two customers called the same share
-- one latest order.
WITH ranked AS (
  SELECT orders.*, customers.name,
         ROW_NUMBER() OVER (PARTITION BY customers.name ORDER BY placed_at DESC, orders.id DESC) AS position
  FROM orders
  JOIN customers ON customers.id = orders.customer_id
)
SELECT name, id AS order_id, placed_at, total_cents
FROM ranked
WHERE position = 1
ORDER BY placed_at DESC, id DESC;
