# Mistake: checks the rows, the columns and one diagonal, but forgets the diagonal from
# top right to bottom left.
import sys


def fail(number, message):
    print(f"error: move {number}: {message}", file=sys.stderr)
    sys.exit(1)


def has_won(board, mark):
    for i in range(3):
        if board[i][0] == board[i][1] == board[i][2] == mark:
            return True
        if board[0][i] == board[1][i] == board[2][i] == mark:
            return True
    if board[0][0] == board[1][1] == board[2][2] == mark:
        return True
    return False


board = [[".", ".", "."], [".", ".", "."], [".", ".", "."]]
winner = None
number = 0
for line in sys.stdin.read().splitlines():
    if line.strip() == "":
        continue
    number += 1
    parts = line.split()
    if len(parts) != 2:
        fail(number, "expected ROW COLUMN")
    try:
        row = int(parts[0])
        col = int(parts[1])
    except ValueError:
        fail(number, "expected two numbers")
    if row < 1 or row > 3 or col < 1 or col > 3:
        fail(number, "outside the board")
    if winner is not None:
        fail(number, "the game is already over")
    if board[row - 1][col - 1] != ".":
        fail(number, "square already taken")
    mark = "X" if number % 2 == 1 else "O"
    board[row - 1][col - 1] = mark
    if has_won(board, mark):
        winner = mark

for row in board:
    print("".join(row))
full = all(square != "." for row in board for square in row)
if winner is not None:
    print(winner + " wins")
elif full:
    print("draw")
else:
    print("unfinished")
