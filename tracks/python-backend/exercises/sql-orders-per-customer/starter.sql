-- One row per customer: name, paid_orders, spent_cents.
-- Sorted by spent_cents (biggest first), then name.
SELECT customers.name
FROM customers;
