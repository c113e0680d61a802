CREATE INDEX orders_customer_created ON orders (customer_id, created_at);
CREATE INDEX customers_email_lower ON customers (lower(email));
