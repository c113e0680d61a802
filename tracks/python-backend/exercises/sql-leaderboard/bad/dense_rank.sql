-- Mistake: DENSE_RANK() does not skip a rank after a tie (1, 1, 2), so one player too many
-- gets onto the podium.
WITH best AS (
  SELECT game, player, MAX(points) AS best FROM scores GROUP BY game, player
),
ranked AS (
  SELECT game, player, best, DENSE_RANK() OVER (PARTITION BY game ORDER BY best DESC) AS rank
  FROM best
)
SELECT game, player, best, rank FROM ranked WHERE rank <= 3 ORDER BY game, rank, player;
