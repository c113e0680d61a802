-- Mistake: counts open tasks correctly but takes the earliest date over all tasks,
-- including finished ones.
SELECT users.name,
       SUM(tasks.done_at IS NULL) AS open_tasks,
       MIN(tasks.due_date) AS next_due
FROM users
JOIN tasks ON tasks.user_id = users.id
GROUP BY users.id, users.name
HAVING SUM(tasks.done_at IS NULL) >= 2
ORDER BY open_tasks DESC, users.name;
