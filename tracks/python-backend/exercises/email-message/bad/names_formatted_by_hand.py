# Mistake: writes "Name <address>" itself instead of using Address, so a name with a
# comma, such as "Lovelace, Ada", reads back as two addresses.
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
    msg["To"] = ", ".join(f"{name} <{address}>" if name else address for name, address in recipients)
    msg["Subject"] = subject
    msg["Date"] = formatdate()
    msg["Message-ID"] = make_msgid(domain=sender[1].rpartition("@")[2])
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def _address(pair):
    name, address = pair
    return Address(display_name=name, addr_spec=address)
