-- Mistake: a plain GROUP BY, so the quiet days have no row at all.
SELECT date(signed_up_at) AS day,
       COUNT(*) AS signups
FROM signups
GROUP BY day
ORDER BY day;
