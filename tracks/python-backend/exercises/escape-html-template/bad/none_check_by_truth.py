# Mistake: writes `value or ""`, which turns 0 and False into "" along with None.
import html
import re

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}")
SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_url(url):
    # Browsers skip leading spaces and drop tabs and line breaks, so "java\tscript:" runs.
    cleaned = url.lstrip(" ").replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, _ = cleaned.partition(":")
    has_scheme = colon and not any(c in scheme for c in "/?#")
    if has_scheme and scheme.lower() not in SAFE_SCHEMES:
        return "#"
    return url


def render(template, context):
    """Replace each {{ name }} in template with context[name], HTML-escaped."""

    def replace(match):
        name, filter_name = match.group(1), match.group(2)
        value = context[name]
        text = str(value or "")
        if filter_name == "url":
            text = safe_url(text)
        elif filter_name is not None:
            raise ValueError(f"unknown filter {filter_name!r}")
        return html.escape(text, quote=True)

    return PLACEHOLDER.sub(replace, template)
