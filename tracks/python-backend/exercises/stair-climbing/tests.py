from solution import count_climbs


def expected_climbs(stairs, steps):
    # The same count, worked out the other way round: from each stair, how many ways to the top.
    to_top = [0] * (stairs + 1)
    to_top[stairs] = 1
    for stair in range(stairs - 1, -1, -1):
        to_top[stair] = sum(to_top[stair + step] for step in steps if stair + step <= stairs)
    return to_top[0]


def test_four_stairs_with_steps_of_one_and_two():
    assert count_climbs(4, [1, 2]) == 5


def test_order_matters():
    assert count_climbs(7, [2, 5]) == 2


def test_no_climb_lands_exactly_on_the_top():
    assert count_climbs(3, [2]) == 0


def test_zero_stairs_is_one_climb_with_no_steps():
    assert count_climbs(0, [1, 2]) == 1


def test_one_stair():
    assert count_climbs(1, [1, 2]) == 1
    assert count_climbs(1, [2, 3]) == 0


def test_a_step_taller_than_the_staircase_is_never_used():
    assert count_climbs(3, [1, 10]) == 1


def test_three_step_sizes():
    assert count_climbs(10, [2, 3, 5]) == 14


def test_the_steps_may_come_in_any_order():
    assert count_climbs(10, [5, 3, 2]) == 14


def test_40_stairs():
    assert count_climbs(40, [1, 2]) == 165_580_141


def test_300_stairs_gives_an_exact_whole_number():
    got = count_climbs(300, [1, 2])
    expected = expected_climbs(300, [1, 2])
    assert got == expected, f"count_climbs(300, [1, 2]): expected {expected}, got {got!r}"


def test_250_stairs_with_steps_of_one_two_and_three():
    got = count_climbs(250, [1, 2, 3])
    expected = expected_climbs(250, [1, 2, 3])
    assert got == expected, f"count_climbs(250, [1, 2, 3]): expected {expected}, got {got!r}"


def test_big_steps_only():
    got = count_climbs(299, [4, 7, 13])
    expected = expected_climbs(299, [4, 7, 13])
    assert got == expected, f"count_climbs(299, [4, 7, 13]): expected {expected}, got {got!r}"
