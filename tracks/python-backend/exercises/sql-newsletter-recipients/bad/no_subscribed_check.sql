-- Mistake: never checks `subscribed`, so people who did not ask for the newsletter get it.
SELECT c.name, c.email
FROM contacts AS c
WHERE c.email IS NOT NULL
  AND c.email <> ''
  AND NOT EXISTS (SELECT 1 FROM bounces AS b WHERE lower(b.email) = lower(c.email));
