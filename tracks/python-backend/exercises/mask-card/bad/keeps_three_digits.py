# Mistake (off by one): hides every digit while more than three are left, so only the
# last three digits stay.
def mask_card(number):
    digit_count = sum(1 for ch in number if ch in "0123456789")
    if digit_count <= 4:
        return number
    to_hide = digit_count - 3
    masked = []
    for ch in number:
        if ch in "0123456789" and to_hide > 0:
            masked.append("*")
            to_hide -= 1
        else:
            masked.append(ch)
    return "".join(masked)
