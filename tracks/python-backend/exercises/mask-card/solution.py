DIGITS = "0123456789"


def mask_card(number):
    """Return number with every digit but the last four replaced by "*"."""
    digit_count = sum(1 for ch in number if ch in DIGITS)
    to_hide = digit_count - 4
    masked = []
    for ch in number:
        if ch in DIGITS and to_hide > 0:
            masked.append("*")
            to_hide -= 1
        else:
            masked.append(ch)
    return "".join(masked)
