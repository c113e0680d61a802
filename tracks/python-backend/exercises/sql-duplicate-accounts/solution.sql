SELECT lower(trim(email)) AS email,
       COUNT(*) AS accounts,
       MIN(id) AS first_id
FROM accounts
WHERE trim(email) <> ''
GROUP BY lower(trim(email))
HAVING COUNT(*) >= 2
ORDER BY accounts DESC, email;
