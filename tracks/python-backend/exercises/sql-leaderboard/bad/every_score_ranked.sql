-- Mistake: ranks every score instead of each player's best, so a player may stand on the
-- podium twice.
WITH ranked AS (
  SELECT game, player, points AS best, RANK() OVER (PARTITION BY game ORDER BY points DESC) AS rank
  FROM scores
)
SELECT game, player, best, rank FROM ranked WHERE rank <= 3 ORDER BY game, rank, player;
