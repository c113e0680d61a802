-- Mistake: compares the whole time ('2024-02-27 09:15:00') with the day ('2024-02-27'),
-- which are never equal text, so every day shows 0 sign-ups.
WITH RECURSIVE days(day) AS (
  SELECT date(MIN(signed_up_at)) FROM signups
  UNION ALL
  SELECT date(day, '+1 day') FROM days
  WHERE day < (SELECT date(MAX(signed_up_at)) FROM signups)
)
SELECT days.day, COUNT(signups.id) AS signups
FROM days
LEFT JOIN signups ON signups.signed_up_at = days.day
WHERE days.day IS NOT NULL
GROUP BY days.day
ORDER BY days.day;
