-- Mistake (off by one): page 3 starts after two pages, not three; OFFSET 15 shows page 4.
SELECT id, title
FROM posts
WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id DESC
LIMIT 5 OFFSET 15;
