-- Subscribed contacts with a real email that never bounced (case-insensitive).
SELECT name, email
FROM contacts
WHERE subscribed = 1;
