SELECT tm.name AS team, count(*) AS total, count(*) FILTER (WHERE t.status = 'open') AS open, count(*) FILTER (WHERE t.status = 'closed') AS closed
FROM teams tm LEFT JOIN tickets t ON t.team_id = tm.id GROUP BY tm.id, tm.name ORDER BY team;
