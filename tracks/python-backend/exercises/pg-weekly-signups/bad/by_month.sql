SELECT date_trunc('month', created_at)::date AS week, count(*) AS signups FROM accounts GROUP BY 1 ORDER BY 1;
