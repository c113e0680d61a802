class Notification:
    def __init__(self, recipient, text):
        self.recipient = recipient
        self.text = text

    def render(self):
        return f"To {self.recipient}: {self.text}"

    def preview(self, width=20):
        return self.render()


class EmailNotification(Notification):
    pass


class SmsNotification(Notification):
    pass
