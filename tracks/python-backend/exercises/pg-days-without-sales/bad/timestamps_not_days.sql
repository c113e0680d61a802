SELECT d.day::date AS day, coalesce(sum(s.amount), 0) AS total
FROM generate_series((SELECT min(sold_at) FROM sales), (SELECT max(sold_at) FROM sales), interval '1 day') AS d(day)
LEFT JOIN sales s ON s.sold_at::date = d.day::date GROUP BY d.day ORDER BY d.day;
