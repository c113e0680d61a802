SELECT day, amount, sum(amount) OVER (ORDER BY day) AS last_three_days
FROM daily_sales ORDER BY day;
