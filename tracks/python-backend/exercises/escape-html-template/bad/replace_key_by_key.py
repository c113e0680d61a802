# Mistake: replaces the placeholders one name at a time, so a value that contains
# "{{ secret }}" is expanded again when the loop reaches "secret".
import html
import re

SAFE_SCHEMES = {"http", "https", "mailto"}
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}")


def safe_url(url):
    cleaned = url.lstrip(" ").replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, _ = cleaned.partition(":")
    if colon and not any(c in scheme for c in "/?#") and scheme.lower() not in SAFE_SCHEMES:
        return "#"
    return url


def render(template, context):
    for match in PLACEHOLDER.finditer(template):
        if match.group(1) not in context:
            raise KeyError(match.group(1))
        if match.group(2) not in (None, "url"):
            raise ValueError("unknown filter")
    for name, value in context.items():
        text = "" if value is None else str(value)
        plain = re.compile(r"\{\{\s*" + name + r"\s*\}\}")
        with_url = re.compile(r"\{\{\s*" + name + r"\s*\|\s*url\s*\}\}")
        template = with_url.sub(lambda m: html.escape(safe_url(text), quote=True), template)
        template = plain.sub(lambda m: html.escape(text, quote=True), template)
    return template
