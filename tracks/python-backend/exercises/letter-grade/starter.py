def letter_grade(score):
    """Return "A", "B", "C", "D" or "F" for a score from 0 to 100.

    Raise ValueError when the score is not from 0 to 100 (nan included).
    """
    return "F"
