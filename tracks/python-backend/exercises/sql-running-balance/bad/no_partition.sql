-- Mistake: no PARTITION BY, so the balance runs on from one account into the next.
SELECT account_id, booked_on, amount_cents,
       SUM(amount_cents) OVER (
         ORDER BY account_id, booked_on, id
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
