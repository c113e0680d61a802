SELECT name, email, last_login FROM customers WHERE name LIKE '%Smith%' OR email LIKE '%smith%' ORDER BY last_login DESC NULLS LAST, name;
