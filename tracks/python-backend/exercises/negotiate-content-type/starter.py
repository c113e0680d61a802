def negotiate(accept, available):
    """Return the best of `available` for this Accept header, or None (406 Not Acceptable)."""
    if not accept:
        return available[0] if available else None
    # TODO: read the media ranges and their q weights, then pick the best available type.
    return None
