-- Mistake (off by one): the frame stops at the row before, so each row shows the balance
-- *before* its transaction (and NULL on the first one).
SELECT account_id, booked_on, amount_cents,
       SUM(amount_cents) OVER (
         PARTITION BY account_id
         ORDER BY booked_on, id
         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
       ) AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
