SELECT payload ->> 'user' AS username, sum((payload ->> 'amount')::numeric) AS spent
FROM events WHERE payload @> '{"type": "purchase"}' GROUP BY 1 ORDER BY spent DESC, username;
