# Mistake (too slow): checks every ticket number one by one. Right answers, but from 8
# digits on there are 100 million tickets or more, and the CPU-time limit runs out.
def lucky_tickets(digits):
    if digits < 2 or digits % 2 != 0:
        raise ValueError(f"a ticket needs an even number of digits (at least 2), got {digits}")
    half = digits // 2
    lucky = 0
    for number in range(10**digits):
        text = str(number).zfill(digits)
        if sum(int(d) for d in text[:half]) == sum(int(d) for d in text[half:]):
            lucky += 1
    return lucky
