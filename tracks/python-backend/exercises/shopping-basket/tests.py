import pytest

from solution import Basket


def basket_of(*articles):
    basket = Basket()
    for name, price, quantity in articles:
        basket.add(name, price, quantity)
    return basket


def test_an_empty_basket():
    b = Basket()
    assert len(b) == 0
    assert list(b) == []
    assert b.total_cents == 0
    assert bool(b) == False


def test_len_counts_quantities():
    b = basket_of(("tea", 250, 2), ("bread", 240, 1))
    assert len(b) == 3


def test_adding_an_article_again_adds_to_its_quantity():
    b = basket_of(("tea", 250, 2), ("bread", 240, 1), ("tea", 250, 3))
    assert b["tea"] == 5
    assert len(b) == 6


def test_the_quantity_is_1_unless_given():
    b = Basket()
    b.add("milk", 120)
    assert b["milk"] == 1


def test_the_total():
    assert basket_of(("tea", 250, 2), ("bread", 240, 1)).total_cents == 740


def test_in_tells_whether_an_article_is_there():
    b = basket_of(("tea", 250, 2))
    assert ("tea" in b) == True
    assert ("milk" in b) == False
    assert ("Tea" in b) == False


def test_names_come_in_the_order_they_were_first_added():
    b = basket_of(("tea", 250, 1), ("apples", 90, 4), ("tea", 250, 1), ("zucchini", 60, 1), ("bread", 240, 1))
    assert list(b) == ["tea", "apples", "zucchini", "bread"]


def test_an_article_not_in_the_basket_is_a_key_error():
    b = basket_of(("tea", 250, 2))
    with pytest.raises(KeyError):
        b["milk"]


def test_adding_two_baskets_gives_a_new_basket():
    b = basket_of(("tea", 250, 2), ("bread", 240, 1))
    later = basket_of(("tea", 250, 1), ("jam", 310, 1))
    both = b + later
    assert list(both) == ["tea", "bread", "jam"]
    assert [both["tea"], both["bread"], both["jam"]] == [3, 1, 1]
    assert both.total_cents == 1300


def test_adding_two_baskets_changes_neither():
    b = basket_of(("tea", 250, 2), ("bread", 240, 1))
    later = basket_of(("tea", 250, 1), ("jam", 310, 1))
    b + later
    assert (list(b), b["tea"], len(b)) == (["tea", "bread"], 2, 3)
    assert (list(later), later["tea"], len(later)) == (["tea", "jam"], 1, 2)


def test_an_empty_basket_added_to_another():
    b = basket_of(("tea", 250, 2))
    assert len(b + Basket()) == 2
    assert len(Basket() + b) == 2


def test_str_of_a_basket():
    assert str(Basket()) == "empty basket"
    assert str(basket_of(("bread", 250, 1))) == "1 article, 2.50"
    assert str(basket_of(("tea", 250, 2), ("bread", 240, 1))) == "3 articles, 7.40"
    assert str(basket_of(("sample", 0, 2))) == "2 articles, 0.00"


def test_repr_of_a_basket():
    b = basket_of(("tea", 250, 2), ("bread", 240, 1))
    assert repr(b + Basket()) == "Basket({'tea': 2, 'bread': 1})"
    assert repr(Basket() + Basket()) == "Basket({})"


def test_names_with_accents_and_emoji():
    b = basket_of(("crème brûlée", 450, 1), ("🍌", 30, 6))
    assert list(b) == ["crème brûlée", "🍌"]
    assert str(b) == "7 articles, 6.30"


@pytest.mark.parametrize("price, quantity", [(250, 0), (250, -1), (-5, 1)], ids=["quantity 0", "negative quantity", "negative price"])
def test_a_wrong_quantity_or_price_is_a_value_error(price, quantity):
    b = Basket()
    with pytest.raises(ValueError):
        b.add("tea", price, quantity)
    assert len(b) == 0


def test_the_same_article_at_another_price_is_a_value_error():
    b = basket_of(("tea", 250, 1))
    with pytest.raises(ValueError):
        b.add("tea", 300)
    assert b["tea"] == 1


def test_adding_baskets_with_different_prices_is_a_value_error():
    with pytest.raises(ValueError):
        basket_of(("tea", 250, 1)) + basket_of(("tea", 199, 1))
