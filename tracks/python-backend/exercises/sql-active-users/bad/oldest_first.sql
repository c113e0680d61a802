-- Mistake: ORDER BY is ascending by default, so this lists the oldest first.
SELECT name, email
FROM users
WHERE active = 1
ORDER BY created_at, name;
