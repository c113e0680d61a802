ELLIPSIS = "…"


def shorten(text, width):
    """text itself when it fits in width characters, else its start and an ellipsis."""
    if len(text) <= width:
        return text
    return text[: width - 1] + ELLIPSIS


class Notification:
    def __init__(self, recipient, text):
        self.recipient = recipient
        self.text = text

    def render(self):
        return f"To {self.recipient}: {self.text}"

    def preview(self, width=20):
        return shorten(self.render(), width)


class EmailNotification(Notification):
    def __init__(self, recipient, text, subject):
        super().__init__(recipient, text)
        self.subject = subject

    def render(self):
        return f"To: {self.recipient}\nSubject: {self.subject}\n\n{self.text}"


class SmsNotification(Notification):
    MAX_LENGTH = 160

    def render(self):
        return shorten(self.text, self.MAX_LENGTH)
