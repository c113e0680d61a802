# Mistake: measures an SMS in UTF-8 bytes instead of characters, so a text of emoji is
# cut far too early.
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
        super().__init__(recipient, text)
        self.subject = subject

    def render(self):
        return f"To: {self.recipient}\nSubject: {self.subject}\n\n{self.text}"


class SmsNotification(Notification):
    def render(self):
        data = self.text.encode("utf-8")
        if len(data) <= 160:
            return self.text
        return data[:159].decode("utf-8", errors="ignore") + ELLIPSIS
