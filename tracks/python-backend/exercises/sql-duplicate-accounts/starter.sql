-- One row per address shared by two or more accounts (case and outer spaces do not count):
-- email (lower case, trimmed), accounts, first_id; most accounts first, then by email.
SELECT email, COUNT(*) AS accounts
FROM accounts
GROUP BY email;
