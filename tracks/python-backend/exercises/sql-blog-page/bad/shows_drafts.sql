-- Mistake: forgets the drafts; their NULL dates sort last, so they fill up the last page.
SELECT id, title
FROM posts
ORDER BY published_at DESC, id DESC
LIMIT 5 OFFSET 10;
