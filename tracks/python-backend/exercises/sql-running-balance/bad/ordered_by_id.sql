-- Mistake: adds up in the order of the ids, as if transactions were always typed in on the
-- day they happened.
SELECT account_id, booked_on, amount_cents,
       SUM(amount_cents) OVER (
         PARTITION BY account_id
         ORDER BY id
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
