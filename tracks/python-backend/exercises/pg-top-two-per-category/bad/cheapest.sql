SELECT c.name AS category, p.name AS product, p.price FROM categories c
CROSS JOIN LATERAL (SELECT name, price FROM products WHERE category_id = c.id ORDER BY price, name LIMIT 2) p
ORDER BY category, p.price DESC, product;
