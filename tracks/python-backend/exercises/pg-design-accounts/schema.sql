CREATE TABLE plans (
  id integer PRIMARY KEY,
  name text NOT NULL
);
INSERT INTO plans (id, name) VALUES (1, 'free'), (2, 'team'), (3, 'school');
