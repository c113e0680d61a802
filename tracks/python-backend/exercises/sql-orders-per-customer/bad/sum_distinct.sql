-- Mistake: SUM(DISTINCT ...) adds each amount once, so two orders of the same price count
-- as one payment.
SELECT customers.name,
       COUNT(orders.id) AS paid_orders,
       COALESCE(SUM(DISTINCT orders.total_cents), 0) AS spent_cents
FROM customers
LEFT JOIN orders
  ON orders.customer_id = customers.id
 AND orders.status = 'paid'
GROUP BY customers.id, customers.name
ORDER BY spent_cents DESC, customers.name;
