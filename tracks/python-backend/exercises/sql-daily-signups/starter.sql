-- One row per day from the first sign-up's day to the last one's, both included:
-- day ('YYYY-MM-DD'), signups (0 on a quiet day); in date order.
SELECT date(signed_up_at) AS day,
       COUNT(*) AS signups
FROM signups
GROUP BY day
ORDER BY day;
