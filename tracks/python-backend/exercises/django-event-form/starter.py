import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_I18N=False)
django.setup()

from django import forms  # noqa: E402  (Django must be set up first)
from django.core.exceptions import ValidationError  # noqa: E402


class EventForm(forms.Form):
    title = forms.CharField(max_length=100)
    # TODO: email, starts_on, ends_on, seats, tags; clean_tags() and clean().


def validate_event(data):
    """Return {"ok": True, "event": {...}} or {"ok": False, "errors": {field: [codes]}}."""
    form = EventForm(data=data)
    if form.is_valid():
        return {"ok": True, "event": form.cleaned_data}
    return {"ok": False, "errors": {}}
