-- Mistake: leaves out the money of failed payments but still counts them as payments.
SELECT substr(paid_at, 1, 7) AS month,
       COUNT(*) AS payments,
       SUM(CASE WHEN status = 'succeeded' THEN amount_cents ELSE 0 END) AS revenue_cents
FROM payments
WHERE paid_at >= '2024-01-01'
  AND paid_at < '2025-01-01'
GROUP BY month
ORDER BY month;
