def changelog(version, day, messages):
    """Return Markdown release notes for these Conventional Commits messages."""
    lines = [f"## {version} ({day})", ""]
    for message in messages:
        lines.append("- " + message)
    return "\n".join(lines)
