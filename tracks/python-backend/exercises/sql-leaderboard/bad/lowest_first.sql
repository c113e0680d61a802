-- Mistake: ranks from the lowest score up (ORDER BY best without DESC).
WITH best AS (
  SELECT game, player, MAX(points) AS best FROM scores GROUP BY game, player
),
ranked AS (
  SELECT game, player, best, RANK() OVER (PARTITION BY game ORDER BY best) AS rank
  FROM best
)
SELECT game, player, best, rank FROM ranked WHERE rank <= 3 ORDER BY game, rank, player;
