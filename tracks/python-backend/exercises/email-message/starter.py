from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def build_email(sender, recipients, subject, text, html=None):
    """Return the email as bytes: From, To, Subject, Date, Message-ID, and the body."""
    msg = EmailMessage()
    # TODO: the headers, then the body (and its HTML alternative when html is given)
    msg.set_content(text)
    return bytes(msg)
