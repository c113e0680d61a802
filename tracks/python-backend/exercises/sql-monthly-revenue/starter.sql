-- Per month of 2024: month ('YYYY-MM'), payments, revenue_cents; succeeded payments only;
-- January first.
SELECT paid_at, amount_cents
FROM payments;
