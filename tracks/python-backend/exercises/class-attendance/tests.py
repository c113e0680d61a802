from solution import attendance


def test_a_short_term():
    assert attendance(["Ada", "Linus", "Grace"], [["Ada", "Grace"], ["Grace", "Ada", "Guido"]]) == {
        "never": ["Linus"],
        "always": ["Ada", "Grace"],
        "extra": ["Guido"],
    }


def test_no_lessons_at_all_means_nobody_came():
    assert attendance(["Ada", "Linus"], []) == {"never": ["Ada", "Linus"], "always": [], "extra": []}


def test_an_empty_roster_and_no_lessons():
    assert attendance([], []) == {"never": [], "always": [], "extra": []}


def test_a_lesson_where_nobody_came_means_nobody_came_every_day():
    assert attendance(["Barbara", "Ken"], [["Ken", "Barbara"], [], ["Ken"]]) == {"never": [], "always": [], "extra": []}


def test_one_lesson():
    assert attendance(["Ken", "Dennis"], [["Dennis"]]) == {"never": ["Ken"], "always": ["Dennis"], "extra": []}


def test_the_lists_are_sorted():
    roster = ["Yukihiro", "Margaret", "Bjarne", "Anders"]
    days = [["Yukihiro", "Bjarne"], ["Bjarne", "Yukihiro", "Tim", "Brendan"]]
    assert attendance(roster, days) == {
        "never": ["Anders", "Margaret"],
        "always": ["Bjarne", "Yukihiro"],
        "extra": ["Brendan", "Tim"],
    }


def test_a_card_scanned_twice_counts_once():
    assert attendance(["Ada", "Alan"], [["Ada", "Ada", "Zed", "Zed"], ["Ada"]]) == {
        "never": ["Alan"],
        "always": ["Ada"],
        "extra": ["Zed"],
    }


def test_a_name_twice_on_the_roster_is_listed_once():
    assert attendance(["Ada", "Ada", "Linus"], [["Linus"]]) == {"never": ["Ada"], "always": ["Linus"], "extra": []}


def test_names_are_compared_exactly_as_written():
    assert attendance(["Zoë", "José"], [["Zoe", "José"], ["José"]]) == {"never": ["Zoë"], "always": ["José"], "extra": ["Zoe"]}


def test_a_large_course():
    roster = [f"student {n:03d}" for n in range(300)]
    days = [[f"student {n:03d}" for n in range(300) if n % 3 != day % 3] for day in range(30)]
    days[0].append("visitor")
    result = attendance(roster, days)
    assert result == {"never": [], "always": [], "extra": ["visitor"]}, (
        "300 students over 30 lessons; each missed every third lesson, and a visitor came once"
    )
