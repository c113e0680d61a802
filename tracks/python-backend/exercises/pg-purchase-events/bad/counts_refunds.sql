SELECT payload ->> 'user' AS username, sum((payload ->> 'amount')::numeric) AS spent
FROM events WHERE payload ? 'amount' AND NOT payload @> '{"test": true}' GROUP BY 1 ORDER BY spent DESC, username;
