SELECT region, count(*) AS orders, round(avg(total), 2) AS median_total FROM orders WHERE status = 'paid' GROUP BY region ORDER BY region;
