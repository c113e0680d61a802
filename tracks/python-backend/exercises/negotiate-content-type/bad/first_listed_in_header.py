# Mistake: returns the first type in the header's order that the server has, and
# ignores the weights altogether.
def negotiate(accept, available):
    if accept is None or not accept.strip():
        return available[0] if available else None
    for piece in accept.split(","):
        media_range = piece.split(";")[0].strip().lower()
        for media_type in available:
            kind, _, subtype = media_type.lower().partition("/")
            if media_range in (media_type.lower(), kind + "/*", "*/*"):
                return media_type
    return None
