# Mistake (boundary): heats when the room is 0.5 °C below the target or more, so exactly
# 0.5 °C below is "heat" instead of "idle".
class Thermostat:
    def __init__(self, room, target=20.0):
        self.room = room
        self.target = target

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
        if self.room <= self.target - 0.5:
            return "heat"
        if self.room >= self.target + 0.5:
            return "cool"
        return "idle"
