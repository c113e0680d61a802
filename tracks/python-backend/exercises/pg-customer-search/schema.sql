CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, last_login timestamp);
