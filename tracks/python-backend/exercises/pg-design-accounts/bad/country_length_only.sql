-- Mistake: the country is checked for its length only, so a lower-case code such as "fr" goes in.
-- fails: a country that is not two capital letters is refused
CREATE TABLE accounts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  age integer CHECK (age >= 13),
  country text NOT NULL CHECK (length(country) = 2),
  plan_id integer REFERENCES plans (id)
);
