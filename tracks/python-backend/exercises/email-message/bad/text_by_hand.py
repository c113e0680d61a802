# Mistake: writes the message as text with an f-string. A line break in the subject (or a
# name) becomes a header of its own: "Hi\r\nBcc: everyone@example.com" sends spam.
from email.utils import formatdate, make_msgid


def build_email(sender, recipients, subject, text, html=None):
    if not recipients:
        raise ValueError("an email needs at least one recipient")

    def address(pair):
        name, addr = pair
        return f'"{name}" <{addr}>' if name else addr

    headers = [
        f"From: {address(sender)}",
        f"To: {', '.join(address(r) for r in recipients)}",
        f"Subject: {subject}",
        f"Date: {formatdate()}",
        f"Message-ID: {make_msgid(domain=sender[1].rpartition('@')[2])}",
        "MIME-Version: 1.0",
    ]
    if html is None:
        headers.append('Content-Type: text/plain; charset="utf-8"')
        content = text
    else:
        boundary = "=====boundary====="
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        content = (
            f"--{boundary}\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n\r\n{text}\r\n"
            f"--{boundary}\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n{html}\r\n"
            f"--{boundary}--\r\n"
        )
    return ("\r\n".join(headers) + "\r\n\r\n" + content).encode("utf-8")
