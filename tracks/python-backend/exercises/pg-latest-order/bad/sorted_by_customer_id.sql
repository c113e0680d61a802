SELECT DISTINCT ON (o.customer_id) c.name, o.id AS order_id, o.placed_at, o.total
FROM orders o JOIN customers c ON c.id = o.customer_id
ORDER BY o.customer_id, o.placed_at DESC, o.id DESC;
