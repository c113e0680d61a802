-- Mistake: the status filter in WHERE turns the LEFT JOIN back into an inner join for
-- customers whose only orders were cancelled (Linus disappears).
SELECT customers.name,
       COUNT(orders.id) AS paid_orders,
       COALESCE(SUM(orders.total_cents), 0) AS spent_cents
FROM customers
LEFT JOIN orders ON orders.customer_id = customers.id
WHERE orders.status = 'paid' OR orders.id IS NULL
GROUP BY customers.id, customers.name
ORDER BY spent_cents DESC, customers.name;
