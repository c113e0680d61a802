/** Stage 6: events and orders survive a restart, in the database DATABASE_URL names. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectJson } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const name = t.unique("Lantern Walk");
  let eventId = 0;
  let keptId = 0;
  let cancelledId = 0;

  await t.check("an event with two orders, one of them cancelled, is set up before the restart", async () => {
    const event = await expectJson(t, { method: "POST", path: "/events", json: { name, starts_at: "2031-09-01T19:00:00Z", capacity: 10, price_cents: 500 } }, 201);
    eventId = Number(event.id);
    const kept = await expectJson(t, { method: "POST", path: `/events/${eventId}/orders`, json: { name: "Mary Somerville", email: "mary@example.com", quantity: 3 } }, 201);
    keptId = Number(kept.id);
    const cancelled = await expectJson(t, { method: "POST", path: `/events/${eventId}/orders`, json: { name: "Ada Lovelace", email: "ada@example.com", quantity: 4 } }, 201);
    cancelledId = Number(cancelled.id);
    await expectJson(t, { method: "POST", path: `/orders/${cancelledId}/cancel` }, 200);
  });

  await t.check("the app starts again after a restart", async () => {
    await t.restartApp();
  });

  await t.check("after the restart the event is there, with 7 tickets left", async () => {
    const req = { method: "GET", path: `/events/${eventId}` };
    const event = await expectJson(t, req, 200);
    if (event.name !== name || event.tickets_left !== 7) {
      t.fail("After the restart the event is not as it was: 10 seats, 3 sold, 4 sold and given back.", { expected: JSON.stringify({ id: eventId, name, tickets_left: 7 }) });
    }
  });

  await t.check("after the restart both orders are there, the cancelled one still cancelled", async () => {
    const kept = await expectJson(t, { method: "GET", path: `/orders/${keptId}` }, 200);
    if (kept.status !== "active" || kept.quantity !== 3) t.fail("The order that was kept is not as it was before the restart.", { expected: '{"status": "active", "quantity": 3, ...}' });
    const cancelled = await expectJson(t, { method: "GET", path: `/orders/${cancelledId}` }, 200);
    if (cancelled.status !== "cancelled") t.fail("The cancelled order is not cancelled any more after the restart.", { expected: '{"status": "cancelled", ...}' });
  });

  await t.check("the event is in the events table of the database DATABASE_URL names", async () => {
    const rows = await t.query("SELECT capacity FROM events WHERE name = ?", [name]);
    if (rows.length !== 1) t.fail(`The events table of the database in DATABASE_URL holds ${rows.length} events named "${name}"; expected 1. Keep the database where DATABASE_URL says, as the app did when you got it.`);
  });
}
