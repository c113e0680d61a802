-- name, email, last_login of customers matching smith, recent first
SELECT name, email, last_login
FROM customers
WHERE name LIKE '%Smith%'
ORDER BY last_login DESC, name;
