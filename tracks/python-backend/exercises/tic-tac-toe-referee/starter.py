import sys

# 1. Read the moves (skip empty lines); X moves first.
# 2. Check each move: two numbers from 1 to 3, a free square, and the game not over yet.
#    An illegal move: "error: move N: ..." on standard error, exit code 1.
# 3. Print the board (X, O and .) and the result: X wins, O wins, draw or unfinished.

board = [["."] * 3 for _ in range(3)]
for row in board:
    print("".join(row))
print("unfinished")
