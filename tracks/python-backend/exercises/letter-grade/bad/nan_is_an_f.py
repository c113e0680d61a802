# Mistake: checks `score < 0 or score > 100`. Every comparison with nan is False, so nan
# passes the check, fails every band, and comes out as an "F" instead of a ValueError.
def letter_grade(score):
    if score < 0 or score > 100:
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
