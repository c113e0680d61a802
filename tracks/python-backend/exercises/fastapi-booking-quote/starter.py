from datetime import date

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class BookingRequest(BaseModel):
    guest: str
    room: str
    check_in: date
    check_out: date
    guests: int
    # TODO: the rules of the table (types, validators, and no other fields).


@app.post("/bookings/quote")
def quote(booking: BookingRequest):
    """Return the guest, the room, the number of nights and the total price."""
    return {"guest": booking.guest, "room": booking.room, "nights": 0, "total": 0}
