-- Mistake: BETWEEN '2024-01-01' AND '2024-12-31' compares text, and '2024-12-31 18:30:00'
-- comes after '2024-12-31': the payments of the last day (after midnight) are lost.
SELECT substr(paid_at, 1, 7) AS month,
       COUNT(*) AS payments,
       SUM(amount_cents) AS revenue_cents
FROM payments
WHERE status = 'succeeded'
  AND paid_at BETWEEN '2024-01-01' AND '2024-12-31'
GROUP BY month
ORDER BY month;
