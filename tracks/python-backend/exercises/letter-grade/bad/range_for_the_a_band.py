# Mistake: tests the A band with `score in range(90, 101)`, which holds whole numbers
# only, so 95.5 is not an A (it falls through to B).
def letter_grade(score):
    if not 0 <= score <= 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score in range(90, 101):
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"
