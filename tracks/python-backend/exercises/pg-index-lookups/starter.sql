-- Your CREATE INDEX statements here.
SELECT 1;
