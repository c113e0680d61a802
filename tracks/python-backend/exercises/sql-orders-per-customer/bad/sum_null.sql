-- Mistake: without COALESCE, SUM over no rows is NULL, not 0.
SELECT customers.name,
       COUNT(orders.id) AS paid_orders,
       SUM(orders.total_cents) AS spent_cents
FROM customers
LEFT JOIN orders
  ON orders.customer_id = customers.id
 AND orders.status = 'paid'
GROUP BY customers.id, customers.name
ORDER BY spent_cents DESC, customers.name;
