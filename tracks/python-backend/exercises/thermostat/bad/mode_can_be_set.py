# Mistake: gives mode a setter that stores an override, so `t.mode = "cool"` is accepted
# and the thermostat then cools whatever the room says.
class Thermostat:
    def __init__(self, room, target=20.0):
        self.room = room
        self.target = target
        self._mode = None

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

    @property
    def mode(self):
        if self._mode is not None:
            return self._mode
        if self.room < self.target - 0.5:
            return "heat"
        if self.room > self.target + 0.5:
            return "cool"
        return "idle"

    @mode.setter
    def mode(self, value):
        self._mode = value
