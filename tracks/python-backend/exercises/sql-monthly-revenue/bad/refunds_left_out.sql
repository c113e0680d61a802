-- Mistake: keeps only positive amounts, so refunds neither count nor take money away.
SELECT substr(paid_at, 1, 7) AS month,
       COUNT(*) AS payments,
       SUM(amount_cents) AS revenue_cents
FROM payments
WHERE status = 'succeeded'
  AND amount_cents > 0
  AND paid_at >= '2024-01-01'
  AND paid_at < '2025-01-01'
GROUP BY month
ORDER BY month;
