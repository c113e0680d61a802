CREATE TABLE orders (id integer PRIMARY KEY, region text NOT NULL, total numeric(10,2) NOT NULL, status text NOT NULL CHECK (status IN ('paid', 'cancelled')));
