-- Mistake: sorts by name only; the busiest users should come first.
SELECT users.name,
       COUNT(*) AS open_tasks,
       MIN(tasks.due_date) AS next_due
FROM users
JOIN tasks ON tasks.user_id = users.id
WHERE tasks.done_at IS NULL
GROUP BY users.id, users.name
HAVING COUNT(*) >= 2
ORDER BY users.name;
