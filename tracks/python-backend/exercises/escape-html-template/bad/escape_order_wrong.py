# Mistake: escapes by hand and does "&" last, so the "&" of every "&lt;" it just wrote is
# escaped again: "<" comes out as "&amp;lt;".
import re

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}")
SAFE_SCHEMES = {"http", "https", "mailto"}


def escape(text):
    for char, entity in [("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"), ("&", "&amp;")]:
        text = text.replace(char, entity)
    return text


def safe_url(url):
    cleaned = url.lstrip(" ").replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, _ = cleaned.partition(":")
    if colon and not any(c in scheme for c in "/?#") and scheme.lower() not in SAFE_SCHEMES:
        return "#"
    return url


def render(template, context):
    def replace(match):
        value = context[match.group(1)]
        text = "" if value is None else str(value)
        if match.group(2) == "url":
            text = safe_url(text)
        elif match.group(2) is not None:
            raise ValueError("unknown filter")
        return escape(text)

    return PLACEHOLDER.sub(replace, template)
