/** Stage 8: returning a loan, and the overdue list. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, createMember, expectError, expectJson, isObject, listOf, withinBudget } from "./support.js";

function addDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A race shows only when the returns overlap: on a busy machine they may run one after
// another in a round, so there are many rounds.
const ROUNDS = 12;
const AT_ONCE = 6;

export default async function stage(t: StageContext): Promise<void> {
  let loanId = 0;
  let bookId = 0;
  await t.check("POST /loans/{id}/return returns it: 200, returned_at set, and the copy is back", async () => {
    const member = await createMember(t, t.unique("Returner"));
    const book = await createBook(t, { title: t.unique("Kindred Spirits"), copies: 1 });
    bookId = book.id;
    const lent = await expectJson(t, { method: "POST", path: "/loans", json: { member_id: member, book_ids: [book.id] } }, 201);
    const first = Array.isArray(lent.loans) && isObject(lent.loans[0]) ? lent.loans[0] : {};
    loanId = typeof first.id === "number" ? first.id : 0;
    const req = { method: "POST", path: `/loans/${loanId}/return` };
    const body = await expectJson(t, req, 200);
    if (body.id !== loanId || typeof body.returned_at !== "string") t.fail("The answer should be the loan, with returned_at set to when it was returned.", { request: req, expected: `{"id": ${loanId}, ..., "returned_at": "2026-..."}` });
    const rows = await t.query("SELECT copies FROM books WHERE id = ?", [book.id]);
    if (rows[0]?.copies !== 1) t.fail(`After the return, book ${book.id} should have its copy back (1); it has ${String(rows[0]?.copies)}.`, { expected: "copies 1" });
  });

  await t.check("returning a loan twice answers 409, and the copy is not counted twice", async () => {
    await expectError(t, { method: "POST", path: `/loans/${loanId}/return` }, 409);
    const rows = await t.query("SELECT copies FROM books WHERE id = ?", [bookId]);
    if (rows[0]?.copies !== 1) t.fail(`After a second return, book ${bookId} has ${String(rows[0]?.copies)} copies; it has only 1.`, { expected: "copies 1" });
    await expectError(t, { method: "POST", path: "/loans/987654321/return" }, 404);
  });

  await t.check("GET /loans/overdue?on=DATE lists the loans not returned whose due date is before DATE, with their book and member", async () => {
    const member = await createMember(t, t.unique("Late"));
    const books = [];
    for (let i = 0; i < 3; i++) books.push(await createBook(t, { title: t.unique(`Overdue ${i}`), copies: 1 }));
    const lent = await expectJson(t, { method: "POST", path: "/loans", json: { member_id: member, book_ids: books.map((b) => b.id) } }, 201);
    const ids = (Array.isArray(lent.loans) ? lent.loans : []).map((l) => (isObject(l) ? l.id : undefined));
    await expectJson(t, { method: "POST", path: `/loans/${String(ids[1])}/return` }, 200);
    const onDue = { method: "GET", path: `/loans/overdue?on=${addDays(14)}` };
    const notYet = listOf(t, await expectJson(t, onDue, 200), "loans", onDue);
    if (notYet.some((l) => ids.includes(l.id))) t.fail("On its due date a loan is not overdue yet: only loans due before the date are.", { request: onDue, expected: "none of this member's loans" });
    const req = { method: "GET", path: `/loans/overdue?on=${addDays(15)}` };
    const loans = listOf(t, await withinBudget(t, req, 200, 3), "loans", req).filter((l) => ids.includes(l.id));
    const want = [ids[0], ids[2]];
    if (loans.length !== 2 || loans[0]?.id !== want[0] || loans[1]?.id !== want[1]) t.fail("The overdue list should hold the two loans not returned (not the returned one), oldest due first, then by id.", { request: req, expected: `loans ${String(want[0])} and ${String(want[1])}` });
    const shaped = loans.every((l) => isObject(l.book) && typeof l.book.title === "string" && isObject(l.member) && l.member.id === member && typeof l.due_at === "string");
    if (!shaped) t.fail('Each overdue loan shows its book and member: {"id", "due_at", "book": {"id", "title"}, "member": {"id", "name"}}.', { request: req, expected: '{"loans": [{"id": ..., "due_at": "...", "book": {"id": ..., "title": "..."}, "member": {"id": ..., "name": "..."}}]}' });
  });

  await t.check("GET /loans/overdue without a valid date answers 400", async () => {
    await expectError(t, { method: "GET", path: "/loans/overdue" }, 400);
    await expectError(t, { method: "GET", path: "/loans/overdue?on=yesterday" }, 400);
    // Python 3.11's date.fromisoformat takes 20270131; a pattern alone takes 2027-02-30.
    await expectError(t, { method: "GET", path: "/loans/overdue?on=20270131" }, 400);
    await expectError(t, { method: "GET", path: "/loans/overdue?on=2027-02-30" }, 400);
  });

  // A return that reads returned_at, then writes it, lets two returns both see the loan open.
  await t.check(`${AT_ONCE} returns of the same loan at once, ${ROUNDS} times: each time one 200, the others 409, and the copy is back once`, async () => {
    const member = await createMember(t, t.unique("Hasty"));
    for (let round = 0; round < ROUNDS; round++) {
      const book = await createBook(t, { title: t.unique(`Returned once ${round}`), copies: 1 });
      const lent = await expectJson(t, { method: "POST", path: "/loans", json: { member_id: member, book_ids: [book.id] } }, 201);
      const first = Array.isArray(lent.loans) && isObject(lent.loans[0]) ? lent.loans[0] : {};
      const loan = typeof first.id === "number" ? first.id : 0;
      const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => t.newClient().request({ method: "POST", path: `/loans/${loan}/return` })));
      const statuses = answers.map((a) => a.status);
      const [row] = await t.query("SELECT copies FROM books WHERE id = ?", [book.id]);
      if (statuses.filter((s) => s === 200).length !== 1 || statuses.filter((s) => s === 409).length !== AT_ONCE - 1 || row?.copies !== 1) {
        t.fail(
          `Round ${round + 1}: ${AT_ONCE} POST /loans/${loan}/return at once answered ${statuses.join(", ")}, and book ${book.id} now has ${String(row?.copies)} copies; it has one. ` +
            "Reading returned_at, then writing it, lets two returns both see the loan open. Return it in one statement " +
            "(UPDATE loans SET returned_at = now() WHERE id = ... AND returned_at IS NULL, then look at how many rows it changed) or lock the row first (SELECT ... FOR UPDATE).",
          { expected: `one 200, ${AT_ONCE - 1} x 409, copies 1` },
        );
      }
    }
  });
}
