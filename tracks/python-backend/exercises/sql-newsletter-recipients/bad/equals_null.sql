-- Mistake: "email != NULL" is never true (it is NULL), so every row is filtered out.
SELECT c.name, c.email
FROM contacts AS c
WHERE c.subscribed = 1
  AND c.email != NULL
  AND c.email <> ''
  AND NOT EXISTS (SELECT 1 FROM bounces AS b WHERE lower(b.email) = lower(c.email));
