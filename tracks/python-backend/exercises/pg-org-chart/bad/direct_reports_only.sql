SELECT e.name, 1 AS depth FROM employees e JOIN employees m ON e.manager_id = m.id WHERE m.name = 'Ada' ORDER BY depth, e.name;
