# Mistake: preview calls Notification.render(self) instead of self.render(), so the
# preview of an e-mail or an SMS looks like a plain notification.
ELLIPSIS = "…"


def shorten(text, width):
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


class Notification:
    def __init__(self, recipient, text):
        self.recipient = recipient
        self.text = text

    def render(self):
        return f"To {self.recipient}: {self.text}"

    def preview(self, width=20):
        return shorten(Notification.render(self), width)


class EmailNotification(Notification):
    def __init__(self, recipient, text, subject):
        super().__init__(recipient, text)
        self.subject = subject

    def render(self):
        return f"To: {self.recipient}\nSubject: {self.subject}\n\n{self.text}"


class SmsNotification(Notification):
    def render(self):
        return shorten(self.text, 160)
