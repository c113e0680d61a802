CREATE TABLE sales (id integer PRIMARY KEY, sold_at timestamp NOT NULL, amount numeric(10,2) NOT NULL);
