-- Mistake: assumes a bigger id means a newer account, so it sorts by id instead of by the
-- sign-up date (ids of imported accounts are in no particular date order).
SELECT name, email
FROM users
WHERE active = 1
ORDER BY id DESC;
