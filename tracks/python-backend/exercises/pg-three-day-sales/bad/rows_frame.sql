SELECT day, amount, sum(amount) OVER (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last_three_days
FROM daily_sales ORDER BY day;
