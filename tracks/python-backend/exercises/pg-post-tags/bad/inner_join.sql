SELECT p.title, string_agg(t.tag, ', ' ORDER BY t.tag) AS tags
FROM posts p JOIN post_tags t ON t.post_id = p.id GROUP BY p.id, p.title ORDER BY p.title;
