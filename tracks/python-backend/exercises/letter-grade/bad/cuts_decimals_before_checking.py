# Mistake: checks the range on int(score), which cuts the decimals off: 100.5 becomes 100
# and -0.5 becomes 0, so both pass the check.
def letter_grade(score):
    if not 0 <= int(score) <= 100:
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
