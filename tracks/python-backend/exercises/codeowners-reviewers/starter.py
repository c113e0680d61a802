def required_reviewers(codeowners, changed_paths, author):
    """Return the sorted owners (lowercase, each once, not the author) who must review."""
    reviewers = []
    for line in codeowners.splitlines():
        if line and not line.startswith("#"):
            reviewers.extend(line.split()[1:])
    return reviewers
