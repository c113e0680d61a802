"""Tests of the attendee export (tickets/export.py), written with the feature."""
from tickets.export import attendees_csv


def order(name, email, quantity=1, status="active"):
    return {"id": 0, "event_id": 1, "name": name, "email": email, "quantity": quantity, "total_cents": 0, "status": status}


def lines(text):
    return text.split("\r\n")


def test_no_orders_gives_the_header_alone():
    assert attendees_csv([]) == "name,email,tickets\r\n"


def test_one_row_per_attendee_sorted_by_name():
    text = attendees_csv([order("Zoe", "zoe@example.com"), order("ada", "ada@example.com", 2)])
    assert lines(text) == ["name,email,tickets", "ada,ada@example.com,2", "Zoe,zoe@example.com,1", ""]


def test_the_same_name_is_sorted_by_email():
    text = attendees_csv([order("Sam", "sam2@example.com"), order("Sam", "sam1@example.com")])
    assert lines(text)[1:3] == ["Sam,sam1@example.com,1", "Sam,sam2@example.com,1"]


def test_orders_of_one_email_are_added_up_under_their_first_name():
    text = attendees_csv([order("Ada", "ada@example.com", 2), order("Ada L.", "ada@example.com", 3)])
    assert lines(text)[1:] == ["Ada,ada@example.com,5", ""]


def test_cancelled_orders_are_left_out():
    text = attendees_csv([order("Ada", "ada@example.com", 2), order("Ada", "ada@example.com", 1, "cancelled"), order("Bo", "bo@example.com", 1, "cancelled")])
    assert lines(text)[1:] == ["Ada,ada@example.com,2", ""]
    # Not even a cancelled order's name counts: Grace is listed under her first active order's.
    text = attendees_csv([order("G. Hopper", "grace@example.com", 2, "cancelled"), order("Grace Hopper", "grace@example.com", 1)])
    assert lines(text)[1:] == ["Grace Hopper,grace@example.com,1", ""]


def test_commas_and_quotes_are_quoted():
    text = attendees_csv([order('Lovelace, Ada "Countess"', "ada@example.com")])
    assert lines(text)[1] == '"Lovelace, Ada ""Countess""",ada@example.com,1'


def test_cells_that_a_spreadsheet_would_run_are_defused():
    text = attendees_csv([order("=HYPERLINK(1)", "x@example.com"), order("+1", "y@example.com"), order("-2", "z@example.com"), order("@SUM", "w@example.com")])
    assert sorted(lines(text)[1:5]) == sorted(["'=HYPERLINK(1),x@example.com,1", "'+1,y@example.com,1", "'-2,z@example.com,1", "'@SUM,w@example.com,1"])
    # Emails are typed by customers too.
    text = attendees_csv([order("Eve", "=1+1@example.com"), order("Mal", "@home@example.com")])
    assert lines(text)[1:] == ["Eve,'=1+1@example.com,1", "Mal,'@home@example.com,1", ""]


def test_unicode_names_are_kept():
    assert lines(attendees_csv([order("Zoë Ñúñez", "zoe@example.com")]))[1] == "Zoë Ñúñez,zoe@example.com,1"
