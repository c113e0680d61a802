# Mistake: works out the mode once, in __init__, and stores it; it never changes when the
# room or the target do.
class Thermostat:
    def __init__(self, room, target=20.0):
        self.room = room
        self.target = target
        if room < target - 0.5:
            self.mode = "heat"
        elif room > target + 0.5:
            self.mode = "cool"
        else:
            self.mode = "idle"

    @property
    def target(self):
        return self._target

    @target.setter
    def target(self, value):
        if not 5 <= value <= 30:
            raise ValueError(f"the target must be from 5 to 30 °C, got {value}")
        self._target = value

    @property
    def fahrenheit(self):
        return self.target * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.target = (value - 32) * 5 / 9
