-- category, product, price: the two most expensive products of each category
SELECT c.name AS category, p.name AS product, p.price
FROM categories c JOIN products p ON p.category_id = c.id
ORDER BY category, p.price DESC, product;
