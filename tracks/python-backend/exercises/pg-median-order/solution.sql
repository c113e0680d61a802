SELECT region, count(*) AS orders, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY total)::numeric, 2) AS median_total
FROM orders
WHERE status = 'paid'
GROUP BY region
ORDER BY region;
