SELECT tm.name AS team, count(t.id) AS total, count(t.id) FILTER (WHERE t.status = 'open') AS open, count(t.id) FILTER (WHERE t.status <> 'open') AS closed
FROM teams tm LEFT JOIN tickets t ON t.team_id = tm.id GROUP BY tm.id, tm.name ORDER BY team;
