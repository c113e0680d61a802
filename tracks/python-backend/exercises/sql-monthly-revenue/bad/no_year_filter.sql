-- Mistake: never keeps to 2024, so the months of other years get rows of their own.
SELECT strftime('%Y-%m', paid_at) AS month,
       COUNT(*) AS payments,
       SUM(amount_cents) AS revenue_cents
FROM payments
WHERE status = 'succeeded'
GROUP BY month
ORDER BY month;
