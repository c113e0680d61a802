# Mistake: blocks a few dangerous schemes by looking at the start of the raw link, so
# "  javascript:..." (leading spaces) and "java\tscript:..." still get through.
import html
import re

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}")


def safe_url(url):
    if url.lower().startswith(("javascript:", "data:", "vbscript:", "ftp:")):
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
        return html.escape(text, quote=True)

    return PLACEHOLDER.sub(replace, template)
