import random

from solution import longest_unique_run


def expected_run(text):
    # The same answer another way: for each end position, the stretch with no repeat that
    # ends there starts after the nearest earlier copy of any of its characters.
    best = ""
    start = 0
    seen_at = {}
    for end, char in enumerate(text):
        start = max(start, seen_at.get(char, -1) + 1)
        seen_at[char] = end
        if end + 1 - start > len(best):
            best = text[start:end + 1]
    return best


def test_the_first_example():
    assert longest_unique_run("mississippi") == "mis"


def test_an_empty_text_gives_an_empty_text():
    assert longest_unique_run("") == ""


def test_one_character_repeated():
    assert longest_unique_run("aaaa") == "a"


def test_a_text_with_no_repeat_is_its_own_answer():
    assert longest_unique_run("python") == "python"


def test_ties_keep_the_first_stretch():
    assert longest_unique_run("abcab") == "abc"


def test_the_stretch_starts_just_after_the_earlier_copy():
    assert longest_unique_run("xyxz") == "yxz"


def test_a_copy_from_before_the_stretch_is_ignored():
    # When the second "a" comes, the first "a" is already outside the stretch "b".
    assert longest_unique_run("abba") == "ab"
    assert longest_unique_run("xyyzax") == "yzax"


def test_spaces_count_as_characters():
    assert longest_unique_run("one two three") == "wo thre"


def test_a_space_at_either_end_of_the_stretch_is_kept():
    # The stretch is returned exactly as it is in the text: no .strip() of its ends.
    assert longest_unique_run("hello world") == " world"
    assert longest_unique_run("ab ab") == "ab "


def test_upper_and_lower_case_are_different():
    assert longest_unique_run("aAbBaA") == "aAbB"


def test_accents_and_emoji_are_single_characters():
    assert longest_unique_run("héllo wörld") == "o wörld"
    assert longest_unique_run("🙂🙃🙂") == "🙂🙃"


def test_200000_different_characters():
    text = "".join(chr(0x10000 + i) for i in range(200_000))
    got = longest_unique_run(text)
    assert got == text, f"200,000 different characters: expected all of them back, got {len(got)} characters"


def test_the_same_50000_characters_twice():
    half = "".join(chr(0x4E00 + i) for i in range(20_000)) + "".join(chr(0x20000 + i) for i in range(30_000))
    got = longest_unique_run(half + half)
    assert got == half, f"50,000 different characters, twice: expected the first 50,000 back, got {len(got)} characters starting at {(half + half).find(got[:20]) if got else None}"


def test_a_long_random_text():
    rng = random.Random(5)
    text = "".join(chr(0x4E00 + rng.randrange(3_000)) for _ in range(100_000))
    got = longest_unique_run(text)
    expected = expected_run(text)
    assert got == expected, f"100,000 random characters: expected the {len(expected)} characters at position {text.find(expected)}, got {len(got)} characters at position {text.find(got) if got else None}"
