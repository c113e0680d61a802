-- Return name and email of active users, newest first, ties by name.
SELECT *
FROM users;
