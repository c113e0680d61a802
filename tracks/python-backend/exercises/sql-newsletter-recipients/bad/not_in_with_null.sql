-- Mistake: NOT IN against a list that contains NULL is never true: no rows at all.
SELECT name, email
FROM contacts
WHERE subscribed = 1
  AND email IS NOT NULL
  AND email <> ''
  AND lower(email) NOT IN (SELECT lower(email) FROM bounces);
