-- Mistake: no second sort key, so users who signed up the same day come in table order.
SELECT name, email
FROM users
WHERE active = 1
ORDER BY created_at DESC;
