# Mistake: EmailNotification's __init__ sets only the subject and never calls
# super().__init__, so an e-mail has no recipient and no text.
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
        return shorten(self.render(), width)


class EmailNotification(Notification):
    def __init__(self, recipient, text, subject):
        self.subject = subject

    def render(self):
        return f"To: {self.recipient}\nSubject: {self.subject}\n\n{self.text}"


class SmsNotification(Notification):
    def render(self):
        return shorten(self.text, 160)
