/** Stage 7: a loan of several books is one transaction: every book is lent, or none is. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, createMember, expectError, expectJson, isObject, listOf } from "./support.js";

function addDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export default async function stage(t: StageContext): Promise<void> {
  let member = 0;
  await t.check("POST /loans lends every book asked for: 201, one loan per book, due in 14 days, one copy fewer each", async () => {
    member = await createMember(t, t.unique("Reader"));
    const a = await createBook(t, { title: t.unique("Beloved"), copies: 2 });
    const b = await createBook(t, { title: t.unique("Sula"), copies: 1 });
    const req = { method: "POST", path: "/loans", json: { member_id: member, book_ids: [a.id, b.id] } };
    const loans = listOf(t, await expectJson(t, req, 201), "loans", req);
    const due = addDays(14);
    if (loans.length !== 2 || loans.some((l) => typeof l.id !== "number" || l.member_id !== member || l.due_at !== due || l.returned_at !== null) || loans[0]?.book_id !== a.id || loans[1]?.book_id !== b.id) {
      t.fail("POST /loans did not answer with one loan per book, in the order asked.", { request: req, expected: `{"loans": [{"id": ..., "book_id": ${a.id}, "member_id": ${member}, "loaned_at": "...", "due_at": "${due}", "returned_at": null}, {... "book_id": ${b.id} ...}]}` });
    }
    const rows = await t.query("SELECT id, copies FROM books WHERE id IN (?, ?) ORDER BY id", [a.id, b.id]);
    if (rows[0]?.copies !== 1 || rows[1]?.copies !== 0) t.fail(`After the loan, books ${a.id} and ${b.id} should have 1 and 0 copies left; they have ${String(rows[0]?.copies)} and ${String(rows[1]?.copies)}.`, { expected: "copies 1 and 0" });
  });

  await t.check("a loan that fails half-way leaves nothing: the second book has no copy left, so the first is not lent either", async () => {
    const reader = await createMember(t, t.unique("Halfway"));
    const free = await createBook(t, { title: t.unique("Jazz"), copies: 3 });
    const gone = await createBook(t, { title: t.unique("Paradise"), copies: 0 });
    const req = { method: "POST", path: "/loans", json: { member_id: reader, book_ids: [free.id, gone.id] } };
    const body = await expectError(t, req, 409);
    if (body.book_id !== gone.id) t.fail("The 409 should name the book that has no copy left.", { request: req, expected: `{"error": "...", "book_id": ${gone.id}}` });
    const loans = await t.query("SELECT id, book_id FROM loans WHERE member_id = ?", [reader]);
    const copies = await t.query("SELECT copies FROM books WHERE id = ?", [free.id]);
    if (loans.length !== 0 || copies[0]?.copies !== 3) {
      t.fail(
        `The app answered 409, but ${loans.length} loan(s) of this member were saved and book ${free.id} has ${String(copies[0]?.copies)} copies left instead of 3. ` +
          "Lend all the books in one transaction, and roll it back when one of them cannot be lent.",
        { request: req, expected: "no loan saved, 3 copies left" },
      );
    }
  });

  await t.check("a book that does not exist answers 404, and nothing is lent", async () => {
    const reader = await createMember(t, t.unique("Lost"));
    const book = await createBook(t, { title: t.unique("Home"), copies: 1 });
    await expectError(t, { method: "POST", path: "/loans", json: { member_id: reader, book_ids: [book.id, 987654321] } }, 404);
    const copies = await t.query("SELECT copies FROM books WHERE id = ?", [book.id]);
    if (copies[0]?.copies !== 1) t.fail("The app answered 404, but the first book was lent anyway.", { expected: "copies 1" });
  });

  await t.check("a member that does not exist answers 404", async () => {
    const book = await createBook(t, { title: t.unique("Love"), copies: 1 });
    await expectError(t, { method: "POST", path: "/loans", json: { member_id: 987654321, book_ids: [book.id] } }, 404);
  });

  await t.check("POST /loans answers 422 for no books, the same book twice, or ids that are not numbers", async () => {
    const book = await createBook(t, { title: t.unique("Mercy"), copies: 5 });
    for (const json of [{ member_id: member, book_ids: [] }, { member_id: member, book_ids: [book.id, book.id] }, { member_id: member, book_ids: [String(book.id)] }, { member_id: String(member), book_ids: [book.id] }, { book_ids: [book.id] }]) {
      await expectError(t, { method: "POST", path: "/loans", json }, 422);
    }
    const rows = await t.query("SELECT copies FROM books WHERE id = ?", [book.id]);
    if (rows[0]?.copies !== 5) t.fail("A refused loan changed the number of copies.", { expected: "copies 5" });
  });

  await t.check("DELETE /books/{id} of a book with loans answers 409", async () => {
    const reader = await createMember(t, t.unique("Keeper"));
    const book = await createBook(t, { title: t.unique("Tar Baby"), copies: 1 });
    await expectJson(t, { method: "POST", path: "/loans", json: { member_id: reader, book_ids: [book.id] } }, 201);
    const body = await expectError(t, { method: "DELETE", path: `/books/${book.id}` }, 409);
    if (!isObject(body)) t.fail("expected an error body");
  });
}
