-- Page 3 (5 posts a page) of the published posts, newest first, ties by id (highest first).
SELECT id, title
FROM posts
ORDER BY published_at DESC
LIMIT 5;
