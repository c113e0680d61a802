# Mistake: keeps the last four *characters* and hides the digits before them, so when a
# separator is among the last four characters, only three digits stay visible.
def mask_card(number):
    head = "".join("*" if ch in "0123456789" else ch for ch in number[:-4])
    return head + number[-4:]
