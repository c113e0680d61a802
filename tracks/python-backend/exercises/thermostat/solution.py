class Thermostat:
    MIN_TARGET = 5
    MAX_TARGET = 30

    def __init__(self, room, target=20.0):
        self.room = room
        self.target = target

    @property
    def target(self):
        return self._target

    @target.setter
    def target(self, value):
        if not self.MIN_TARGET <= value <= self.MAX_TARGET:
            raise ValueError(f"the target must be from {self.MIN_TARGET} to {self.MAX_TARGET} °C, got {value}")
        self._target = value

    @property
    def fahrenheit(self):
        return self.target * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.target = (value - 32) * 5 / 9

    @property
    def mode(self):
        if self.room < self.target - 0.5:
            return "heat"
        if self.room > self.target + 0.5:
            return "cool"
        return "idle"
