-- Mistake (off by one): ">" instead of ">=" at the start of the year, so a payment made at
-- the very first second of 2024 (2024-01-01 00:00:00) is lost.
SELECT substr(paid_at, 1, 7) AS month,
       COUNT(*) AS payments,
       SUM(amount_cents) AS revenue_cents
FROM payments
WHERE status = 'succeeded'
  AND paid_at > '2024-01-01 00:00:00'
  AND paid_at < '2025-01-01'
GROUP BY month
ORDER BY month;
