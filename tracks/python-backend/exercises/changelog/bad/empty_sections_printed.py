# Mistake: prints every heading, even a section with no entry.
import re

HEADER = re.compile(r"([a-z]+)(?:\(([^()\n]+)\))?(!)?: (.*\S.*)")
SECTIONS = {"feat": "Features", "fix": "Bug fixes", "perf": "Performance"}
ORDER = ["Breaking changes", "Features", "Bug fixes", "Performance"]


def entry_of(message):
    """Return (section, entry) for one commit, or None when it is left out."""
    header, _, body = message.partition("\n")
    match = HEADER.fullmatch(header)
    if match is None:
        return None
    kind, scope, bang, description = match.groups()
    entry = f"- **{scope}:** {description}" if scope else f"- {description}"
    if bang or any(line.startswith("BREAKING CHANGE: ") for line in body.split("\n")):
        return "Breaking changes", entry
    if kind in SECTIONS:
        return SECTIONS[kind], entry
    return None


def changelog(version, day, messages):
    """Return Markdown release notes for these Conventional Commits messages."""
    sections = {title: [] for title in ORDER}
    for message in messages:
        found = entry_of(message)
        if found is not None and found[1] not in sections[found[0]]:
            sections[found[0]].append(found[1])
    lines = [f"## {version} ({day})"]
    for title in ORDER:
        if True:
            lines += ["", f"### {title}", ""] + sections[title]
    if not any(sections.values()):
        lines = lines[:1]
    if len(lines) == 1:
        lines += ["", "No notable changes."]
    return "\n".join(lines) + "\n"
