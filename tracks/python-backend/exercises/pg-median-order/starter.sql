-- region, orders and median_total of the paid orders
SELECT region, count(*) AS orders, round(avg(total), 2) AS median_total
FROM orders
GROUP BY region
ORDER BY region;
