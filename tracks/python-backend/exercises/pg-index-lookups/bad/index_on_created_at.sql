-- Mistake: the index starts with created_at: it can sort the orders but not find one customer's.
-- fails: query 1 (a customer's last ten orders) uses an index to find the customer's orders
CREATE INDEX orders_created ON orders (created_at);
CREATE INDEX customers_email_lower ON customers (lower(email));
