SELECT min(date_trunc('week', created_at))::date AS week, count(*) AS signups FROM accounts GROUP BY extract(week FROM created_at) ORDER BY 1;
