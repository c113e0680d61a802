-- Mistake: forgets to leave out deactivated accounts.
SELECT name, email
FROM users
ORDER BY created_at DESC, name;
