"""Box office: events, ticket orders and their rules, free of any web framework.

The web layer (app.py) only turns HTTP into calls of these modules and their results
and errors back into HTTP.
"""
