-- Mistake: orders the window by date only and keeps the default frame (RANGE), which
-- includes every row of the same day: each transaction of a day shows the day's final
-- balance.
SELECT account_id, booked_on, amount_cents,
       SUM(amount_cents) OVER (PARTITION BY account_id ORDER BY booked_on) AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
