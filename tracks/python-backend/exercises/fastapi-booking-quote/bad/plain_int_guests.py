# Mistake: declares guests as a plain int with limits, and pydantic 1 then turns "2" into 2
# and even 2.5 into 2 instead of refusing them.
from datetime import date
from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel, conint, constr, validator

PRICE_PER_NIGHT = {"single": 80, "double": 120, "suite": 250}
CAPACITY = {"single": 1, "double": 2, "suite": 4}
MAX_NIGHTS = 30

app = FastAPI()


class BookingRequest(BaseModel):
    guest: constr(strip_whitespace=True, min_length=1, max_length=80)
    room: Literal["single", "double", "suite"]
    check_in: date
    check_out: date
    guests: conint(ge=1)

    class Config:
        extra = "forbid"

    @validator("room", pre=True)
    def room_in_lower_case(cls, value):
        return value.strip().lower() if isinstance(value, str) else value

    @validator("check_out")
    def stay_length(cls, check_out, values):
        check_in = values.get("check_in")
        if check_in is None:
            return check_out  # check_in was invalid: that error is enough
        nights = (check_out - check_in).days
        if nights < 1:
            raise ValueError("check_out must be at least one day after check_in")
        if nights > MAX_NIGHTS:
            raise ValueError(f"a stay is at most {MAX_NIGHTS} nights")
        return check_out

    @validator("guests")
    def fits_in_the_room(cls, guests, values):
        room = values.get("room")
        if room is not None and guests > CAPACITY[room]:
            raise ValueError(f"a {room} room holds at most {CAPACITY[room]} guests")
        return guests


@app.post("/bookings/quote")
def quote(booking: BookingRequest):
    """Return the guest, the room, the number of nights and the total price."""
    nights = (booking.check_out - booking.check_in).days
    return {"guest": booking.guest, "room": booking.room, "nights": nights,
            "total": nights * PRICE_PER_NIGHT[booking.room]}
