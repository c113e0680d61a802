def apply_patch(original, patch):
    """Apply a unified diff of one file to `original` and return the new text."""
    added = [line[1:] + "\n" for line in patch.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return original + "".join(added)
