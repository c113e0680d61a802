-- Mistake: forgets to leave out finished tasks, so done work counts as open.
SELECT users.name,
       COUNT(*) AS open_tasks,
       MIN(tasks.due_date) AS next_due
FROM users
JOIN tasks ON tasks.user_id = users.id
GROUP BY users.id, users.name
HAVING COUNT(*) >= 2
ORDER BY open_tasks DESC, users.name;
