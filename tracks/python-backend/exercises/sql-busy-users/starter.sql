-- name, open_tasks, next_due for users with at least 2 open tasks,
-- most open tasks first, then by name.
SELECT users.name, COUNT(*) AS open_tasks
FROM users
JOIN tasks ON tasks.user_id = users.id
GROUP BY users.id;
