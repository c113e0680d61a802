-- Mistake: lower() but no trim(), so " ada@example.com" with a space is another address.
SELECT lower(email) AS email,
       COUNT(*) AS accounts,
       MIN(id) AS first_id
FROM accounts
WHERE trim(email) <> ''
GROUP BY lower(email)
HAVING COUNT(*) >= 2
ORDER BY accounts DESC, email;
