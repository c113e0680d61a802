-- Mistake: joins to the bounces that are a *different* address. A contact whose address
-- bounced still matches every other bounce, and when nobody bounced nothing matches at all.
SELECT DISTINCT c.name, c.email
FROM contacts AS c
JOIN bounces AS b ON lower(b.email) <> lower(c.email)
WHERE c.subscribed = 1
  AND c.email IS NOT NULL
  AND c.email <> '';
