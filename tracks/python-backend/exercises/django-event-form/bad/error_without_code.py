# Mistake: raises ValidationError without a code, so the API reports the code "" that
# no client can act on.
import django
from django.conf import settings

if not settings.configured:
    settings.configure(USE_I18N=False)
django.setup()

from django import forms  # noqa: E402  (Django must be set up first)
from django.core.exceptions import ValidationError  # noqa: E402
import string  # noqa: E402

TAG_CHARACTERS = set(string.ascii_lowercase + string.digits + "-")
MAX_TAGS = 5


class EventForm(forms.Form):
    title = forms.CharField(max_length=100)
    email = forms.EmailField()
    starts_on = forms.DateField()
    ends_on = forms.DateField(required=False)
    seats = forms.IntegerField(min_value=1, max_value=500)
    tags = forms.CharField(required=False)

    def clean_tags(self):
        pieces = (piece.strip().lower() for piece in self.cleaned_data["tags"].split(","))
        tags = list(dict.fromkeys(piece for piece in pieces if piece))
        for tag in tags:
            if not set(tag) <= TAG_CHARACTERS:
                raise ValidationError(f"{tag!r}: use a-z, 0-9 and - only", code="invalid_tag")
        if len(tags) > MAX_TAGS:
            raise ValidationError(f"at most {MAX_TAGS} tags", code="too_many_tags")
        return tags

    def clean(self):
        cleaned = super().clean()
        starts_on = cleaned.get("starts_on")
        if starts_on is None or "ends_on" not in cleaned:
            return cleaned  # one of the dates was already invalid
        if cleaned["ends_on"] is None:
            cleaned["ends_on"] = starts_on
        elif cleaned["ends_on"] < starts_on:
            self.add_error("ends_on", ValidationError("the event ends before it starts"))
        return cleaned


def validate_event(data):
    """Return {"ok": True, "event": {...}} or {"ok": False, "errors": {field: [codes]}}."""
    form = EventForm(data=data)
    if not form.is_valid():
        errors = form.errors.get_json_data()
        return {"ok": False, "errors": {field: [error["code"] for error in found] for field, found in errors.items()}}
    event = dict(form.cleaned_data)
    event["starts_on"] = event["starts_on"].isoformat()
    event["ends_on"] = event["ends_on"].isoformat()
    return {"ok": True, "event": event}
