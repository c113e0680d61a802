-- week (the Monday, as a date) and signups, by week
SELECT created_at::date AS week, count(*) AS signups
FROM accounts
GROUP BY 1
ORDER BY 1;
