-- Mistake: COUNT(due_date) skips NULLs, so open tasks without a deadline are not counted.
SELECT users.name,
       COUNT(tasks.due_date) AS open_tasks,
       MIN(tasks.due_date) AS next_due
FROM users
JOIN tasks ON tasks.user_id = users.id
WHERE tasks.done_at IS NULL
GROUP BY users.id, users.name
HAVING COUNT(tasks.due_date) >= 2
ORDER BY open_tasks DESC, users.name;
