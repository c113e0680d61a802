-- Mistake: forgets the status, so cancelled orders are counted and added up too.
SELECT customers.name,
       COUNT(orders.id) AS paid_orders,
       COALESCE(SUM(orders.total_cents), 0) AS spent_cents
FROM customers
LEFT JOIN orders ON orders.customer_id = customers.id
GROUP BY customers.id, customers.name
ORDER BY spent_cents DESC, customers.name;
