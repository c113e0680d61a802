-- Mistake: sorts posts of the same second by id, lowest first, where the README asks for
-- the highest first.
SELECT id, title
FROM posts
WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id
LIMIT 5 OFFSET 10;
