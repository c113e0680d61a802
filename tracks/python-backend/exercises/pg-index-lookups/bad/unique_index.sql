-- Mistake: a UNIQUE index on (customer_id, created_at): a customer can no longer place two orders at the same moment.
-- fails: two orders of one customer at the same time are still allowed (the index is not UNIQUE)
CREATE UNIQUE INDEX orders_customer_created ON orders (customer_id, created_at);
CREATE INDEX customers_email_lower ON customers (lower(email));
