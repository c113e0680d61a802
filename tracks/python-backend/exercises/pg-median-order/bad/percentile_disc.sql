SELECT region, count(*) AS orders, round(percentile_disc(0.5) WITHIN GROUP (ORDER BY total), 2) AS median_total FROM orders WHERE status = 'paid' GROUP BY region ORDER BY region;
