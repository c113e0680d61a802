# Mistake: hides all characters but the last four, spaces included, instead of the digits.
def mask_card(number):
    if len(number) <= 4:
        return number
    return "*" * (len(number) - 4) + number[-4:]
