import email
import email.policy
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from solution import build_email

APP = ("Task Tracker", "noreply@tasks.example")


def read(raw):
    """The message as a mail program reads it."""
    assert type(raw) is bytes, f"build_email returned a {type(raw).__name__}; expected bytes"
    return email.message_from_bytes(raw, policy=email.policy.default)


def people(header):
    return [(a.display_name, a.addr_spec) for a in header.addresses] if header is not None else None


def body(part):
    assert not part.is_multipart(), f"expected one text part here, found a {part.get_content_type()} message"
    return part.get_content().replace("\r\n", "\n").rstrip("\n")


def test_a_plain_text_email():
    msg = read(build_email(APP, [("Ada Lovelace", "ada@example.com")], "Welcome", "Hello Ada.\nWelcome aboard.\n"))
    assert people(msg["From"]) == [("Task Tracker", "noreply@tasks.example")]
    assert people(msg["To"]) == [("Ada Lovelace", "ada@example.com")]
    assert msg["Subject"] == "Welcome"
    assert msg.get_content_type() == "text/plain"
    assert body(msg) == "Hello Ada.\nWelcome aboard."


def test_a_recipient_without_a_name():
    msg = read(build_email(APP, [("", "ada@example.com")], "Hi", "Hello."))
    assert people(msg["To"]) == [("", "ada@example.com")]


def test_every_recipient_in_order():
    recipients = [("Grace", "grace@example.org"), ("", "linus@example.fi"), ("Ada", "ada@example.com")]
    msg = read(build_email(APP, recipients, "Standup", "At 10."))
    assert people(msg["To"]) == recipients


def test_names_and_subject_in_any_language_come_back_exactly():
    msg = read(build_email(("Zoë Müller", "zoe@example.de"), [("Jürgen Ødegård", "j@example.no"), ("李小龍", "li@example.cn")],
                           "Grüße aus Köln 👋", "Hallo!"))
    assert people(msg["From"]) == [("Zoë Müller", "zoe@example.de")]
    assert people(msg["To"]) == [("Jürgen Ødegård", "j@example.no"), ("李小龍", "li@example.cn")]
    assert msg["Subject"] == "Grüße aus Köln 👋"


def test_headers_are_plain_ascii_on_the_wire():
    raw = build_email(("Zoë Müller", "zoe@example.de"), [("Jürgen", "j@example.no")], "Grüße 👋", "Hallo!")
    headers = raw.split(b"\n\n", 1)[0].replace(b"\r", b"")
    assert headers.isascii(), f"the headers are not ASCII: {headers!r}; let EmailMessage encode the names and subject"


@pytest.mark.parametrize(
    "name",
    ["Lovelace, Ada", 'Ada "the Countess" Lovelace', "Dr. Ada (analyst)", "<admin@example.com>", "O'Hara; Scarlett"],
)
def test_names_with_commas_quotes_and_brackets_stay_one_address(name):
    msg = read(build_email(APP, [(name, "ada@example.com"), ("Grace", "grace@example.org")], "Hi", "Hello."))
    assert people(msg["To"]) == [(name, "ada@example.com"), ("Grace", "grace@example.org")], (
        f"the To header {msg['To']!r} does not read back as the two recipients: quote the name (Address does)"
    )


def test_an_html_version_comes_after_the_plain_text():
    msg = read(build_email(APP, [("Ada", "ada@example.com")], "Due tomorrow",
                           "Your task is due tomorrow.", "<p>Your task is due <b>tomorrow</b>.</p>"))
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert body(parts[0]) == "Your task is due tomorrow."
    assert body(parts[1]) == "<p>Your task is due <b>tomorrow</b>.</p>"


def test_without_html_there_is_only_the_plain_text():
    msg = read(build_email(APP, [("Ada", "ada@example.com")], "Hi", "Just text.", None))
    assert (msg.get_content_type(), msg.is_multipart()) == ("text/plain", False)


def test_a_body_in_any_language_comes_back_exactly():
    text = "Grüße, Zoë!\nЗдравствуйте 👋\n日本語のテキスト"
    msg = read(build_email(APP, [("Zoë", "zoe@example.de")], "Hi", text, f"<p>{text}</p>"))
    parts = list(msg.iter_parts())
    assert body(parts[0]) == text
    assert body(parts[1]) == f"<p>{text}</p>"


def test_a_very_long_line_is_sent_in_lines_of_at_most_998_bytes():
    text = "word " * 600 + "end"
    raw = build_email(APP, [("Ada", "ada@example.com")], "Long", text)
    longest = max(len(line) for line in raw.split(b"\n"))
    assert longest <= 998, f"a line of the message is {longest} bytes long; SMTP allows at most 998"
    assert body(read(raw)) == text


def test_a_message_id_in_the_domain_of_the_sender():
    msg = read(build_email(("Billing", "invoices@shop.example.co.uk"), [("Ada", "ada@example.com")], "Invoice", "Attached."))
    message_id = msg["Message-ID"]
    assert message_id is not None, "the message has no Message-ID header"
    assert message_id.startswith("<") and message_id.endswith("@shop.example.co.uk>"), (
        f"Message-ID is {message_id!r}; expected <...@shop.example.co.uk>"
    )


def test_every_message_gets_its_own_message_id():
    ids = {read(build_email(APP, [("Ada", "ada@example.com")], "Hi", "Hello."))["Message-ID"] for _ in range(20)}
    assert len(ids) == 20, f"20 messages had only {len(ids)} different Message-IDs"


def test_a_date_a_mail_program_can_read():
    date = read(build_email(APP, [("Ada", "ada@example.com")], "Hi", "Hello."))["Date"]
    assert date is not None, "the message has no Date header"
    when = parsedate_to_datetime(str(date)).replace(tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)
    assert abs(when - now) < timedelta(days=1), f"the Date header says {date!r}; expected about now, {now:%d %b %Y %H:%M}"


@pytest.mark.parametrize(
    "subject",
    ["Hello\r\nBcc: everyone@example.com", "Hello\nBcc: everyone@example.com", "Hello\rBcc: everyone@example.com",
     "Invoice\r\n\r\nClick here: http://evil.example"],
    ids=["CR LF", "LF", "CR", "a body of its own"],
)
def test_a_line_break_in_the_subject_is_refused(subject):
    with pytest.raises(ValueError):
        build_email(APP, [("Ada", "ada@example.com")], subject, "Hello.")


@pytest.mark.parametrize(
    "sender, recipient",
    [
        (APP, ("Ada\r\nBcc: everyone@example.com", "ada@example.com")),
        (APP, ("Ada", "ada@example.com\nBcc: everyone@example.com")),
        (("Tracker\nReply-To: evil@example.com", "noreply@tasks.example"), ("Ada", "ada@example.com")),
    ],
    ids=["in a recipient's name", "in a recipient's address", "in the sender's name"],
)
def test_a_line_break_in_a_name_or_address_is_refused(sender, recipient):
    with pytest.raises(ValueError):
        build_email(sender, [recipient], "Hi", "Hello.")


def test_no_recipients_is_an_error():
    with pytest.raises(ValueError):
        build_email(APP, [], "Hi", "Hello.")
