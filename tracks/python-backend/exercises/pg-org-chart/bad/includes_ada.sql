WITH RECURSIVE team AS (
  SELECT id, name, 0 AS depth FROM employees WHERE name = 'Ada'
  UNION ALL
  SELECT e.id, e.name, team.depth + 1 FROM employees e JOIN team ON e.manager_id = team.id)
SELECT name, depth FROM team ORDER BY depth, name;
