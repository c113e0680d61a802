"""The errors the box office raises; the web layer maps each one to a status code."""


class NotFound(Exception):
    """No event or order has that id (404)."""


class Invalid(Exception):
    """The data sent breaks a rule (400); `errors` maps each field to what is wrong."""

    def __init__(self, errors):
        super().__init__("invalid data")
        self.errors = errors


class Conflict(Exception):
    """The request clashes with the current state (409): sold out, already cancelled."""

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details
