import pytest

from solution import update_stock


def test_a_normal_day():
    assert update_stock({"tea": 5, "milk": 2}, {"milk": 10, "honey": 3}, {"tea": 2, "milk": 12}) == {
        "tea": 3,
        "milk": 0,
        "honey": 3,
    }


def test_nothing_delivered_and_nothing_sold_gives_the_same_stock():
    assert update_stock({"rice": 4, "oats": 0}, {}, {}) == {"rice": 4, "oats": 0}


def test_an_empty_shop_stays_empty():
    assert update_stock({}, {}, {}) == {}


def test_a_delivery_can_bring_new_products():
    assert update_stock({}, {"crème fraîche": 6}, {"crème fraîche": 1}) == {"crème fraîche": 5}


def test_a_product_sold_out_stays_with_zero():
    assert update_stock({"bread": 3}, {}, {"bread": 3}) == {"bread": 0}


def test_what_was_delivered_in_the_morning_can_be_sold():
    assert update_stock({"eggs": 2}, {"eggs": 12}, {"eggs": 10}) == {"eggs": 4}


def test_selling_zero_of_a_product_changes_nothing():
    assert update_stock({"jam": 1}, {}, {"jam": 0}) == {"jam": 1}


def test_selling_one_more_than_there_was_is_an_error_naming_the_product():
    with pytest.raises(ValueError, match="bread"):
        update_stock({"bread": 1}, {"bread": 1}, {"bread": 3})


def test_selling_a_product_the_shop_never_had_is_a_value_error_not_a_key_error():
    with pytest.raises(ValueError, match="saffron"):
        update_stock({"tea": 5}, {}, {"saffron": 1})


@pytest.mark.parametrize(
    "stock, delivered, sold",
    [({"tea": -1}, {}, {}), ({"tea": 1}, {"tea": -5}, {}), ({"tea": 1}, {}, {"tea": -2})],
    ids=["negative stock", "negative delivery", "negative sale"],
)
def test_a_negative_count_is_an_error(stock, delivered, sold):
    with pytest.raises(ValueError, match="tea"):
        update_stock(stock, delivered, sold)


def test_the_dicts_given_are_not_changed():
    stock, delivered, sold = {"tea": 5}, {"tea": 1, "milk": 2}, {"tea": 4}
    update_stock(stock, delivered, sold)
    assert (stock, delivered, sold) == ({"tea": 5}, {"tea": 1, "milk": 2}, {"tea": 4})


def test_a_large_shop():
    stock = {f"product {n}": n for n in range(2000)}
    sold = {f"product {n}": n // 2 for n in range(2000)}
    closing = update_stock(stock, {}, sold)
    assert len(closing) == 2000
    assert closing["product 1999"] == 1000
    assert closing["product 0"] == 0
