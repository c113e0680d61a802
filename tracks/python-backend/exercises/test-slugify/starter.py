from slugs import slugify


def test_words_are_joined_with_a_dash():
    assert slugify("Hello World") == "hello-world"


# Add your tests below: one test per behaviour, each named for what it checks.
