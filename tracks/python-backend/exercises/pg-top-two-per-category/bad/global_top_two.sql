SELECT c.name AS category, p.name AS product, p.price FROM categories c
JOIN (SELECT category_id, name, price FROM products ORDER BY price DESC, name LIMIT 2) p ON p.category_id = c.id
ORDER BY category, p.price DESC, product;
