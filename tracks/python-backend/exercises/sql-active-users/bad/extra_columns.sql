-- Mistake: returns every column instead of just name and email.
SELECT *
FROM users
WHERE active = 1
ORDER BY created_at DESC, name;
