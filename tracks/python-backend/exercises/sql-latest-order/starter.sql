-- For each customer with orders, the latest one (largest placed_at; at the same second the
-- larger id): name, order_id, placed_at, total_cents; newest first, then largest order_id.
WITH ranked AS (
  SELECT orders.*
  FROM orders
)
SELECT customers.name, ranked.id AS order_id, ranked.placed_at, ranked.total_cents
FROM ranked
JOIN customers ON customers.id = ranked.customer_id;
