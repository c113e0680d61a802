class Thermostat:
    def __init__(self, room, target=20.0):
        self.room = room
        self.target = target
        self.mode = "idle"

    # Turn target into a property with a checking setter, and add the properties
    # fahrenheit and mode.
