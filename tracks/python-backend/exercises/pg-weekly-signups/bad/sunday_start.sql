SELECT (date_trunc('week', created_at + interval '1 day') - interval '1 day')::date AS week, count(*) AS signups FROM accounts GROUP BY 1 ORDER BY 1;
