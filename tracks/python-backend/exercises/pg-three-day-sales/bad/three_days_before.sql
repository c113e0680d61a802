SELECT day, amount, sum(amount) OVER (ORDER BY day RANGE BETWEEN interval '3 days' PRECEDING AND CURRENT ROW) AS last_three_days
FROM daily_sales ORDER BY day;
