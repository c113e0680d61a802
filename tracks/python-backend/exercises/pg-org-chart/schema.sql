CREATE TABLE employees (id integer PRIMARY KEY, name text NOT NULL UNIQUE, manager_id integer REFERENCES employees(id));
