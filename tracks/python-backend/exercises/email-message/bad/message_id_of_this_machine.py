# Mistake: calls make_msgid() without the domain, so the Message-ID names the machine
# it ran on instead of the sender's domain (spam filters notice).
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def build_email(sender, recipients, subject, text, html=None):
    """Return the email as bytes: From, To, Subject, Date, Message-ID, and the body."""
    if not recipients:
        raise ValueError("an email needs at least one recipient")
    msg = EmailMessage()
    # Address quotes and encodes the names, and refuses line breaks in any part.
    msg["From"] = _address(sender)
    msg["To"] = [_address(recipient) for recipient in recipients]
    msg["Subject"] = subject
    msg["Date"] = formatdate()
    msg["Message-ID"] = make_msgid()
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def _address(pair):
    name, address = pair
    return Address(display_name=name, addr_spec=address)
