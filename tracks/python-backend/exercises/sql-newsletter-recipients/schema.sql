CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,                        -- may be NULL or '' when we never got one
  subscribed INTEGER NOT NULL        -- 1 = wants the newsletter, 0 = does not
);

-- Addresses our mail server could not deliver to. An old import left rows with a NULL
-- email here, and addresses were stored as the mail server reported them (any case).
CREATE TABLE bounces (
  email TEXT,
  reason TEXT NOT NULL
);
