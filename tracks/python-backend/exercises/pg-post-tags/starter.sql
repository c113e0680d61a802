-- title and its tags, sorted and joined with ', ', for every post
SELECT p.title, '' AS tags
FROM posts p
ORDER BY p.title;
