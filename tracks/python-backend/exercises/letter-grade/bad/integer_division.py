# Mistake: rounds the score first, so 89.9 becomes 90 and an A.
def letter_grade(score):
    if not 0 <= score <= 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    return {10: "A", 9: "A", 8: "B", 7: "C", 6: "D"}.get(round(score) // 10, "F")
