-- Mistake: ROW_NUMBER() numbers tied players 1, 2, 3..., so players with the same best
-- score get different ranks and some fall off the podium.
WITH best AS (
  SELECT game, player, MAX(points) AS best FROM scores GROUP BY game, player
),
ranked AS (
  SELECT game, player, best, ROW_NUMBER() OVER (PARTITION BY game ORDER BY best DESC) AS rank
  FROM best
)
SELECT game, player, best, rank FROM ranked WHERE rank <= 3 ORDER BY game, rank, player;
