def mask_card(number):
    """Return number with every digit but the last four replaced by "*"."""
    # 1. Count how many digits (0-9) number has.
    # 2. Walk through it again: hide digits until only four are left to show.
    return number
