import re


def to_regex(pattern):
    """Translate a CODEOWNERS pattern (without its final '/') into a regex."""
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i) and i == 0:
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            parts.append("/.*")
            i += 3
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts))


def is_owner(word):
    return word.startswith("@") or "@" in word[1:]


def read_rules(codeowners):
    rules = []
    for number, line in enumerate(codeowners.splitlines(), start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        pattern, owners = words[0], words[1:]
        for owner in owners:
            if not is_owner(owner):
                raise ValueError(f"line {number}: {owner!r} is not an owner")
        dir_only = pattern.endswith("/")
        pattern = pattern.rstrip("/") if dir_only else pattern
        anchored = "/" in pattern
        rules.append((to_regex(pattern.lstrip("/")), dir_only, anchored, owners))
    return rules


def matches(rule, path):
    regex, dir_only, anchored, _ = rule
    names = path.split("/")
    for depth in range(1, len(names) + 1):
        if dir_only and depth == len(names):
            continue
        subject = "/".join(names[:depth]) if anchored else names[depth - 1]
        if regex.fullmatch(subject):
            return True
    return False


def required_reviewers(codeowners, changed_paths, author):
    """Return the sorted owners (lowercase, each once, not the author) who must review."""
    rules = read_rules(codeowners)
    reviewers = set()
    for path in changed_paths:
        owners = []
        for rule in rules:
            if matches(rule, path):
                owners = rule[3]  # the last matching rule decides
        reviewers.update(owner.lower() for owner in owners)
    reviewers.discard(author.lower())
    return sorted(reviewers)
