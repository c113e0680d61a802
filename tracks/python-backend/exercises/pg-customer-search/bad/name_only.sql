SELECT name, email, last_login FROM customers WHERE name ILIKE '%smith%' ORDER BY last_login DESC NULLS LAST, name;
