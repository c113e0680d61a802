SELECT payload ->> 'user' AS username, sum((payload ->> 'amount')::float) AS spent
FROM events WHERE payload @> '{"type": "purchase"}' AND NOT payload @> '{"test": true}' GROUP BY 1 ORDER BY spent DESC, username;
