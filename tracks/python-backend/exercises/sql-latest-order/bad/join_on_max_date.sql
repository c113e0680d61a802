-- Mistake: joins each order to its customer's latest time; when two orders share that
-- second, the customer gets two rows.
SELECT customers.name, orders.id AS order_id, orders.placed_at, orders.total_cents
FROM orders
JOIN (
  SELECT customer_id, MAX(placed_at) AS latest
  FROM orders
  GROUP BY customer_id
) AS last ON last.customer_id = orders.customer_id AND last.latest = orders.placed_at
JOIN customers ON customers.id = orders.customer_id
ORDER BY orders.placed_at DESC, orders.id DESC;
