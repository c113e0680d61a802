-- Mistake: groups by the name alone, so two users called the same are counted together.
SELECT users.name,
       COUNT(*) AS open_tasks,
       MIN(tasks.due_date) AS next_due
FROM users
JOIN tasks ON tasks.user_id = users.id
WHERE tasks.done_at IS NULL
GROUP BY users.name
HAVING COUNT(*) >= 2
ORDER BY open_tasks DESC, users.name;
