-- Mistake: groups the addresses as typed, so Ada@Example.com and ada@example.com are two
-- different addresses.
SELECT trim(email) AS email,
       COUNT(*) AS accounts,
       MIN(id) AS first_id
FROM accounts
WHERE trim(email) <> ''
GROUP BY trim(email)
HAVING COUNT(*) >= 2
ORDER BY accounts DESC, email;
