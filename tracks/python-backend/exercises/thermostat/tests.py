import pytest

from solution import Thermostat


def test_a_new_thermostat_aims_at_20_degrees():
    t = Thermostat(18)
    assert t.target == 20.0
    assert t.room == 18


def test_the_target_can_be_given_and_set():
    t = Thermostat(room=21, target=22.5)
    assert t.target == 22.5
    t.target = 19
    assert t.target == 19


@pytest.mark.parametrize("value", [5, 30, 5.0, 29.5])
def test_the_limits_themselves_are_allowed(value):
    t = Thermostat(20)
    t.target = value
    assert t.target == value


@pytest.mark.parametrize("value", [4.9, 30.1, -10, 100])
def test_a_target_out_of_range_is_refused_and_the_old_one_kept(value):
    t = Thermostat(20, target=21)
    with pytest.raises(ValueError):
        t.target = value
    assert t.target == 21


@pytest.mark.parametrize("value", [2, 31])
def test_a_target_out_of_range_is_refused_when_the_thermostat_is_made(value):
    with pytest.raises(ValueError):
        Thermostat(20, target=value)


def test_the_target_reads_in_fahrenheit():
    assert Thermostat(20).fahrenheit == pytest.approx(68.0)
    assert Thermostat(20, target=25).fahrenheit == pytest.approx(77.0)


def test_setting_fahrenheit_sets_the_target():
    t = Thermostat(20)
    t.fahrenheit = 59
    assert t.target == pytest.approx(15.0)
    assert t.fahrenheit == pytest.approx(59.0)


def test_a_fahrenheit_target_out_of_range_is_refused_too():
    t = Thermostat(20, target=21)
    with pytest.raises(ValueError):
        t.fahrenheit = 100
    with pytest.raises(ValueError):
        t.fahrenheit = 32
    assert t.target == 21


@pytest.mark.parametrize(
    "room, expected",
    [(18, "heat"), (19.4, "heat"), (19.5, "idle"), (20, "idle"), (20.5, "idle"), (20.6, "cool"), (26, "cool")],
)
def test_the_mode_with_a_target_of_20(room, expected):
    assert Thermostat(room).mode == expected


def test_the_mode_follows_a_new_target():
    t = Thermostat(18)
    assert t.mode == "heat"
    t.target = 17.5
    assert t.mode == "idle"
    t.fahrenheit = 59
    assert t.mode == "cool"


def test_the_mode_follows_the_room():
    t = Thermostat(18)
    t.room = 23
    assert t.mode == "cool"
    t.room = 20.2
    assert t.mode == "idle"


def test_the_mode_cannot_be_set():
    t = Thermostat(18)
    with pytest.raises(AttributeError):
        t.mode = "cool"
    assert t.mode == "heat"


def test_two_thermostats_are_separate():
    living_room = Thermostat(19, target=21)
    bedroom = Thermostat(19, target=17)
    assert (living_room.mode, bedroom.mode) == ("heat", "cool")
