CREATE TABLE accounts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  age integer CHECK (age >= 13),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  plan_id integer REFERENCES plans (id)
);
