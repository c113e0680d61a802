-- Mistake: no PARTITION BY, so the players of every game are ranked together in one list.
WITH best AS (
  SELECT game, player, MAX(points) AS best FROM scores GROUP BY game, player
),
ranked AS (
  SELECT game, player, best, RANK() OVER (ORDER BY best DESC) AS rank
  FROM best
)
SELECT game, player, best, rank FROM ranked WHERE rank <= 3 ORDER BY game, rank, player;
