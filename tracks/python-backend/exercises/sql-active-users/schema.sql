CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL,          -- 1 = active, 0 = deactivated
  created_at TEXT NOT NULL          -- ISO 8601 date, so text order is date order
);

INSERT INTO users (id, name, email, active, created_at) VALUES
  (1, 'Zoe',     'zoe@example.com',     1, '2024-03-01'),
  (2, 'Ada',     'ada@example.com',     1, '2024-05-17'),
  (3, 'Linus',   'linus@example.com',   0, '2024-06-02'),
  (4, 'Grace',   'grace@example.com',   1, '2023-11-30'),
  (5, 'Yusuf',   'yusuf@example.com',   1, '2024-05-17'),
  (6, 'Barbara', 'barbara@example.com', 1, '2024-05-17'),
  (7, 'Ken',     'ken@example.com',     0, '2022-01-09'),
  (8, 'Margaret','margaret@example.com',1, '2021-07-20');
