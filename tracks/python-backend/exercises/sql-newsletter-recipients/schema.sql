CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,                        -- may be NULL or '' when we never got one
  subscribed INTEGER NOT NULL        -- 1 = wants the newsletter
);

-- Addresses our mail server could not deliver to. An old import left a row with a NULL
-- email here, and addresses were stored as the mail server reported them (any case).
CREATE TABLE bounces (
  email TEXT,
  reason TEXT NOT NULL
);

INSERT INTO contacts (id, name, email, subscribed) VALUES
  (1, 'Ada',      'ada@example.com',      1),
  (2, 'Grace',    'grace@example.com',    1),
  (3, 'Linus',    NULL,                   1),
  (4, 'Margaret', '',                     1),
  (5, 'Ken',      'ken@example.com',      0),
  (6, 'Barbara',  'Barbara@Example.com',  1),
  (7, 'Guido',    'guido@example.com',    1),
  (8, 'Frances',  'frances@example.com',  1);

INSERT INTO bounces (email, reason) VALUES
  ('grace@example.com',   'mailbox full'),
  ('BARBARA@example.com', 'no such user'),
  (NULL,                  'imported without address'),
  ('ken@example.com',     'no such user');
