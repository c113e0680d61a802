SELECT name, email, last_login FROM customers WHERE name ILIKE '%smith%' OR email ILIKE '%smith%' ORDER BY last_login DESC, name;
