-- Mistake: groups by the name alone, so two customers who share a name become one line.
SELECT customers.name,
       COUNT(orders.id) AS paid_orders,
       COALESCE(SUM(orders.total_cents), 0) AS spent_cents
FROM customers
LEFT JOIN orders
  ON orders.customer_id = customers.id
 AND orders.status = 'paid'
GROUP BY customers.name
ORDER BY spent_cents DESC, customers.name;
