SELECT p.title, coalesce(string_agg(t.tag, ', '), '') AS tags
FROM posts p LEFT JOIN post_tags t ON t.post_id = p.id GROUP BY p.id, p.title ORDER BY p.title;
