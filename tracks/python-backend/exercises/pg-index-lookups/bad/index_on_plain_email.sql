-- Mistake: an index on email does not serve WHERE lower(email) = ...: the expression must be indexed.
-- fails: query 3 (log-in by email in any case) uses an index
CREATE INDEX orders_customer_created ON orders (customer_id, created_at);
CREATE INDEX customers_email ON customers (email);
