-- Mistake: on an empty table MIN() is NULL, and the CTE still makes one day: NULL, so the
-- query returns a row (NULL, 0) instead of nothing.
WITH RECURSIVE days(day) AS (
  SELECT date(MIN(signed_up_at)) FROM signups
  UNION ALL
  SELECT date(day, '+1 day') FROM days
  WHERE day < (SELECT date(MAX(signed_up_at)) FROM signups)
)
SELECT days.day, COUNT(signups.id) AS signups
FROM days
LEFT JOIN signups ON date(signups.signed_up_at) = days.day
GROUP BY days.day
ORDER BY days.day;
