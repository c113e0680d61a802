# Mistake: on a tie, the last type in the list wins (>= instead of >), so the server
# order is reversed.
import re

VALID_Q = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")


def parse_accept(accept):
    """Return the valid media ranges as (type, subtype, q), lower-case."""
    ranges = []
    for piece in accept.split(","):
        media_range, *params = [part.strip() for part in piece.split(";")]
        kind, slash, subtype = media_range.lower().partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = float(value) if VALID_Q.fullmatch(value) else None
        if q is not None:
            ranges.append((kind, subtype, q))
    return ranges


def weight(media_type, ranges):
    """The q of the most specific range that matches media_type, or 0 when none does."""
    kind, _, subtype = media_type.lower().partition("/")
    best = None
    for range_kind, range_subtype, q in ranges:
        if range_kind == "*":
            specificity = 0
        elif range_kind == kind and range_subtype == "*":
            specificity = 1
        elif range_kind == kind and range_subtype == subtype:
            specificity = 2
        else:
            continue
        if best is None or (specificity, q) > best:
            best = (specificity, q)
    return 0.0 if best is None else best[1]


def negotiate(accept, available):
    """Return the best of `available` for this Accept header, or None (406 Not Acceptable)."""
    if accept is None or not accept.strip():
        return available[0] if available else None
    ranges = parse_accept(accept)
    chosen, chosen_q = None, 0.0
    for media_type in available:
        q = weight(media_type, ranges)
        if q >= chosen_q and q > 0:
            chosen, chosen_q = media_type, q
    return chosen
