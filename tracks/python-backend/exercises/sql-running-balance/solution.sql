SELECT account_id,
       booked_on,
       amount_cents,
       SUM(amount_cents) OVER (
         PARTITION BY account_id
         ORDER BY booked_on, id
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
