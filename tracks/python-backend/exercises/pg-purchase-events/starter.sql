-- username and spent for every user with a real purchase, largest first
SELECT payload ->> 'user' AS username, count(*) AS spent
FROM events
GROUP BY 1
ORDER BY spent DESC, username;
