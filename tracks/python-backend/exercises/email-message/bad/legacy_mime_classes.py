# Mistake: uses the old MIMEMultipart and MIMEText classes of many tutorials and sets the
# headers as plain strings: they do not quote names or refuse line breaks as EmailMessage does.
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid


def build_email(sender, recipients, subject, text, html=None):
    if not recipients:
        raise ValueError("an email needs at least one recipient")
    if html is None:
        msg = MIMEText(text, "plain", "utf-8")
    else:
        msg = MIMEMultipart("alternative")
        msg.attach(MIMEText(text, "plain", "utf-8"))
        msg.attach(MIMEText(html, "html", "utf-8"))
    msg["From"] = formataddr(sender)
    msg["To"] = ", ".join(formataddr(r) for r in recipients)
    msg["Subject"] = subject
    msg["Date"] = formatdate()
    msg["Message-ID"] = make_msgid(domain=sender[1].rpartition("@")[2])
    return msg.as_bytes()
