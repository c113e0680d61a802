-- Mistake: a correlated subquery that adds up the transactions "on or before this date":
-- every transaction of a day gets the day's final balance.
SELECT t.account_id, t.booked_on, t.amount_cents,
       (SELECT SUM(u.amount_cents)
        FROM transactions AS u
        WHERE u.account_id = t.account_id AND u.booked_on <= t.booked_on) AS balance_cents
FROM transactions AS t
ORDER BY t.account_id, t.booked_on, t.id;
