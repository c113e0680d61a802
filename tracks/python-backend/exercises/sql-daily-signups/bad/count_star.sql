-- Mistake: COUNT(*) counts the row of NULLs the LEFT JOIN makes for a quiet day, so a
-- quiet day shows 1 instead of 0.
WITH RECURSIVE days(day) AS (
  SELECT date(MIN(signed_up_at)) FROM signups
  UNION ALL
  SELECT date(day, '+1 day') FROM days
  WHERE day < (SELECT date(MAX(signed_up_at)) FROM signups)
)
SELECT days.day, COUNT(*) AS signups
FROM days
LEFT JOIN signups ON date(signups.signed_up_at) = days.day
WHERE days.day IS NOT NULL
GROUP BY days.day
ORDER BY days.day;
