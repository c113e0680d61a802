import pytest

from solution import EmailNotification, Notification, SmsNotification


def test_a_plain_notification():
    n = Notification("Ada", "Welcome!")
    assert (n.recipient, n.text) == ("Ada", "Welcome!")
    assert n.render() == "To Ada: Welcome!"


def test_an_email_has_a_recipient_a_text_and_a_subject():
    mail = EmailNotification("ada@example.com", "Your order has shipped.", "Shipped")
    assert (mail.recipient, mail.text, mail.subject) == ("ada@example.com", "Your order has shipped.", "Shipped")


def test_an_email_renders_headers_a_blank_line_and_the_text():
    mail = EmailNotification("ada@example.com", "Your order has shipped.", "Shipped")
    assert mail.render() == "To: ada@example.com\nSubject: Shipped\n\nYour order has shipped."


def test_an_sms_renders_only_its_text():
    assert SmsNotification("+44 7700 900123", "Your code is 492817").render() == "Your code is 492817"


def test_an_sms_of_exactly_160_characters_is_not_cut():
    text = "a" * 160
    assert SmsNotification("+44 7700 900123", text).render() == text


def test_an_sms_of_161_characters_is_cut_to_159_and_an_ellipsis():
    text = "b" * 150 + "0123456789!"
    rendered = SmsNotification("+44 7700 900123", text).render()
    assert rendered == "b" * 150 + "012345678…"
    assert len(rendered) == 160


def test_an_emoji_counts_as_one_character_in_an_sms():
    text = "🎉" * 160
    assert SmsNotification("+33 6 12 34 56 78", text).render() == text
    assert SmsNotification("+33 6 12 34 56 78", text + "!").render() == "🎉" * 159 + "…"


def test_a_short_preview_is_the_whole_render():
    assert Notification("Ada", "Hi").preview() == "To Ada: Hi"


def test_a_preview_of_exactly_width_characters_is_not_cut():
    n = Notification("Ada", "Hello there")  # "To Ada: Hello there" is 19 characters
    assert n.preview(19) == "To Ada: Hello there"


def test_a_long_preview_ends_with_an_ellipsis_and_is_width_long():
    n = Notification("Grace", "The build is broken again")
    assert n.preview() == "To Grace: The build…"
    assert n.preview(10) == "To Grace:…"


def test_the_preview_of_an_email_uses_the_email_render():
    mail = EmailNotification("ada@example.com", "Your order has shipped.", "Shipped")
    assert mail.preview(12) == "To: ada@exa…"
    assert mail.preview(100) == mail.render()


def test_the_preview_of_an_sms_uses_the_sms_render():
    sms = SmsNotification("+44 7700 900123", "Your parcel arrives today between 9 and 12")
    assert sms.preview() == "Your parcel arrives…"
