def review_comments(diff, max_length=79):
    """Return 'PATH:LINE: MESSAGE' comments for the added lines of Python files in `diff`."""
    comments = []
    for number, line in enumerate(diff.splitlines(), start=1):
        if "print(" in line:
            comments.append(f"?:{number}: leftover print()")
    return comments
