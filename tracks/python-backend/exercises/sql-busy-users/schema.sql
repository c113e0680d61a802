CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  due_date TEXT,                 -- YYYY-MM-DD, or NULL when there is no deadline
  done_at TEXT                   -- NULL while the task is open
);

INSERT INTO users (id, name) VALUES
  (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Margaret'), (5, 'Ken'), (6, 'Barbara');

INSERT INTO tasks (id, user_id, title, due_date, done_at) VALUES
  (1,  1, 'Write the login page',      '2024-05-20', NULL),
  (2,  1, 'Review pagination PR',      '2024-05-28', NULL),
  (3,  1, 'Fix the rate limiter',      NULL,         NULL),
  (4,  1, 'Update README',             '2024-05-01', '2024-04-30'),
  (5,  2, 'Plan the sprint',           '2024-05-30', NULL),
  (6,  2, 'Answer support email',      NULL,         NULL),
  (7,  3, 'Upgrade Flask',             '2024-04-15', NULL),
  (8,  3, 'Write migration',           '2024-04-20', '2024-04-19'),
  (9,  3, 'Delete old backups',        '2024-04-22', '2024-04-22'),
  (10, 4, 'Design the schema',         '2024-06-10', NULL),
  (11, 4, 'Add indexes',               '2024-06-12', NULL),
  (12, 4, 'Load test',                 '2024-05-31', NULL),
  (13, 5, 'Archive the wiki',          '2024-03-01', '2024-03-01'),
  (14, 6, 'Read the ORM docs',         NULL,         NULL),
  (15, 6, 'Pair on the upload stage',  NULL,         NULL);
