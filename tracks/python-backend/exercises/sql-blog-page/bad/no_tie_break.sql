-- Mistake: no second sort key, so posts of the same second come in whatever order the
-- database finds them.
SELECT id, title
FROM posts
WHERE published_at IS NOT NULL
ORDER BY published_at DESC
LIMIT 5 OFFSET 10;
