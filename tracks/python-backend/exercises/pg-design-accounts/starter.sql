CREATE TABLE accounts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text,
  name text,
  age integer,
  country text,
  plan_id integer
);
