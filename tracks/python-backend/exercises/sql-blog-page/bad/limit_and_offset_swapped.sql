-- Mistake: LIMIT and OFFSET swapped: skips 5 posts and then keeps 10.
SELECT id, title
FROM posts
WHERE published_at IS NOT NULL
ORDER BY published_at DESC, id DESC
LIMIT 10 OFFSET 5;
