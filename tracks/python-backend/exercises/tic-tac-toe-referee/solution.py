import sys

# The eight lines that win: three rows, three columns, two diagonals.
LINES = (
    [[(row, col) for col in range(3)] for row in range(3)]
    + [[(row, col) for row in range(3)] for col in range(3)]
    + [[(i, i) for i in range(3)], [(i, 2 - i) for i in range(3)]]
)


def illegal(number, message):
    print(f"error: move {number}: {message}", file=sys.stderr)
    sys.exit(1)


def parse_move(number, line):
    """Return (row, col) counted from 0; exit if the line is not a move on the board."""
    fields = line.split()
    try:
        row, col = (int(field) for field in fields)
    except ValueError:
        row = col = 0
    if len(fields) != 2 or not (1 <= row <= 3 and 1 <= col <= 3):
        illegal(number, f"expected ROW COLUMN from 1 to 3, got {line.strip()!r}")
    return row - 1, col - 1


def winner(board):
    for line in LINES:
        marks = {board[row][col] for row, col in line}
        if len(marks) == 1 and marks != {"."}:
            return marks.pop()
    return None


def referee(lines):
    """Play the moves; return the board and the winner (or None)."""
    board = [["."] * 3 for _ in range(3)]
    won = None
    moves = (line for line in lines if line.strip())
    for number, line in enumerate(moves, start=1):
        row, col = parse_move(number, line)
        if won:
            illegal(number, f"the game is already over: {won} has won")
        if board[row][col] != ".":
            illegal(number, f"square {row + 1} {col + 1} is already taken")
        board[row][col] = "X" if number % 2 == 1 else "O"
        won = winner(board)
    return board, won


# Every move is checked before anything is printed: an illegal game gets no board.
board, won = referee(sys.stdin.read().splitlines())
for row in board:
    print("".join(row))
if won:
    print(f"{won} wins")
elif all(square != "." for row in board for square in row):
    print("draw")
else:
    print("unfinished")
