-- Mistake: does not leave out the accounts without an address, so all the NULLs form one
-- "duplicate" group, and so do the empty ones.
SELECT lower(trim(email)) AS email,
       COUNT(*) AS accounts,
       MIN(id) AS first_id
FROM accounts
GROUP BY lower(trim(email))
HAVING COUNT(*) >= 2
ORDER BY accounts DESC, email;
