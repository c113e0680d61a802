WITH ranked AS (
  SELECT orders.*,
         ROW_NUMBER() OVER (
           PARTITION BY customer_id
           ORDER BY placed_at DESC, id DESC
         ) AS position
  FROM orders
)
SELECT customers.name,
       ranked.id AS order_id,
       ranked.placed_at,
       ranked.total_cents
FROM ranked
JOIN customers ON customers.id = ranked.customer_id
WHERE ranked.position = 1
ORDER BY ranked.placed_at DESC, ranked.id DESC;
