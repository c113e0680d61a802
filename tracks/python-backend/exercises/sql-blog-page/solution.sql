SELECT id, title
FROM posts
WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id DESC
LIMIT 5 OFFSET 10;
