SELECT name, email
FROM users
WHERE active = 1
ORDER BY created_at DESC, name;
