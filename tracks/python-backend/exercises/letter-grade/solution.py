def letter_grade(score):
    """Return "A", "B", "C", "D" or "F" for a score from 0 to 100.

    Raise ValueError when the score is not from 0 to 100 (nan included).
    """
    if not 0 <= score <= 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"
