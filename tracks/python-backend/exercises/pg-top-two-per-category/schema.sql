CREATE TABLE categories (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE products (id integer PRIMARY KEY, category_id integer NOT NULL REFERENCES categories(id), name text NOT NULL, price numeric(10,2) NOT NULL);
