# Mistake: treats only " " and "-" as separators and hides every other character but the
# last four, so a non-breaking space (or a "/") becomes a "*".
def mask_card(number):
    hidden_slots = sum(1 for ch in number if ch not in " -")
    to_hide = hidden_slots - 4
    masked = []
    for ch in number:
        if ch not in " -" and to_hide > 0:
            masked.append("*")
            to_hide -= 1
        else:
            masked.append(ch)
    return "".join(masked)
