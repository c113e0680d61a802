-- Mistake: plan_id is a plain integer, not a foreign key: any number goes in.
-- fails: a plan that does not exist is refused
CREATE TABLE accounts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  age integer CHECK (age >= 13),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  plan_id integer
);
