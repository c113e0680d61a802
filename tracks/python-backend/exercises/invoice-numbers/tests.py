import pytest

from solution import make_numberer


def test_numbers_start_at_1_with_four_digits():
    next_invoice = make_numberer("INV")
    assert next_invoice() == "INV-0001"
    assert next_invoice() == "INV-0002"
    assert next_invoice() == "INV-0003"


def test_start_and_width_can_be_chosen():
    next_credit_note = make_numberer("CN", start=41, width=3)
    assert [next_credit_note() for _ in range(3)] == ["CN-041", "CN-042", "CN-043"]


def test_two_numberers_count_on_their_own():
    invoices = make_numberer("INV")
    credit_notes = make_numberer("CN")
    assert invoices() == "INV-0001"
    assert invoices() == "INV-0002"
    assert credit_notes() == "CN-0001"
    assert invoices() == "INV-0003"
    assert credit_notes() == "CN-0002"


def test_a_new_numberer_with_the_same_prefix_starts_again():
    first = make_numberer("Q")
    first()
    first()
    second = make_numberer("Q")
    assert second() == "Q-0001"
    assert first() == "Q-0003"


def test_a_number_wider_than_width_is_not_cut():
    numberer = make_numberer("INV", start=9998)
    assert [numberer(), numberer(), numberer()] == ["INV-9998", "INV-9999", "INV-10000"]


def test_width_1_means_no_padding():
    numberer = make_numberer("T", start=8, width=1)
    assert [numberer() for _ in range(3)] == ["T-8", "T-9", "T-10"]


def test_start_0_is_allowed():
    assert make_numberer("Ticket", start=0, width=2)() == "Ticket-00"


def test_the_prefix_is_used_as_it_is():
    assert make_numberer("Rechnung 2024/Ü")() == "Rechnung 2024/Ü-0001"


def test_two_hundred_numbers_in_a_row_never_repeat():
    numberer = make_numberer("R", start=900, width=3)
    numbers = [numberer() for _ in range(200)]
    assert numbers[0] == "R-900"
    assert numbers[99] == "R-999"
    assert numbers[100] == "R-1000"
    assert len(set(numbers)) == 200


@pytest.mark.parametrize("start, width", [(-1, 4), (1, 0), (1, -3)])
def test_a_negative_start_or_a_width_below_1_is_an_error_at_once(start, width):
    with pytest.raises(ValueError):
        make_numberer("INV", start=start, width=width)
