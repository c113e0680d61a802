-- Mistake: takes the order with the largest id as the latest, but ids do not follow time.
SELECT customers.name, orders.id AS order_id, orders.placed_at, orders.total_cents
FROM orders
JOIN customers ON customers.id = orders.customer_id
WHERE orders.id = (SELECT MAX(o2.id) FROM orders AS o2 WHERE o2.customer_id = orders.customer_id)
ORDER BY orders.placed_at DESC, orders.id DESC;
