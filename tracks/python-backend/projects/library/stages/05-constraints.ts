/** Stage 5: what the database refuses, the API refuses too, with 409 or 422 and a clear error, never a 500. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, expectError, expectJson, newIsbn } from "./support.js";

const ROUNDS = 6;
const AT_ONCE = 8;

export default async function stage(t: StageContext): Promise<void> {
  await t.check("a second book with the same isbn answers 409, and the first is unchanged", async () => {
    const first = await createBook(t, { title: t.unique("Kindred"), copies: 2 });
    await expectError(t, { method: "POST", path: "/books", json: { title: t.unique("Copycat"), isbn: first.isbn, copies: 1 } }, 409);
    const rows = await t.query("SELECT title FROM books WHERE isbn = ?", [first.isbn]);
    if (rows.length !== 1 || rows[0]?.title !== first.title) t.fail("After the refused duplicate, the table books should hold the first book only.", { expected: `one row with isbn ${String(first.isbn)}` });
  });

  await t.check("PATCH to an isbn another book has answers 409", async () => {
    const a = await createBook(t, { title: t.unique("Parable") });
    const b = await createBook(t, { title: t.unique("Dawn") });
    await expectError(t, { method: "PATCH", path: `/books/${b.id}`, json: { isbn: a.isbn } }, 409);
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ["copies below 0", { title: "Negative", isbn: newIsbn(), copies: -1 }],
    ["copies that is not a whole number", { title: "Half", isbn: newIsbn(), copies: 1.5 }],
    ["copies given as true", { title: "Boolean", isbn: newIsbn(), copies: true }],
    ["copies given as a string", { title: "Text", isbn: newIsbn(), copies: "3" }],
    // 1e20 is sent as 100000000000000000000: too large for an integer (or bigint) column.
    ["copies too large for the column", { title: "Huge", isbn: newIsbn(), copies: 1e20 }],
    ["an isbn that is not 13 digits", { title: "Short", isbn: "12345", copies: 1 }],
    ["an isbn of 14 digits", { title: "Long", isbn: `${newIsbn()}1`, copies: 1 }],
    // re.match(r"^[0-9]{13}$") takes this one: $ also matches before a final line break.
    ["an isbn with a line break after its 13 digits", { title: "Newline", isbn: `${newIsbn()}\n`, copies: 1 }],
    ["an isbn with letters", { title: "Letters", isbn: "978000000000X", copies: 1 }],
    ["an empty title", { title: "  ", isbn: newIsbn(), copies: 1 }],
    ["no title", { isbn: newIsbn(), copies: 1 }],
  ];
  await t.check("POST /books answers 422 with an error for invalid fields, and saves nothing", async () => {
    for (const [, json] of invalid) await expectError(t, { method: "POST", path: "/books", json }, 422);
    const isbns = invalid.flatMap(([, json]) => (typeof json.isbn === "string" ? [json.isbn] : []));
    const rows = await t.query("SELECT isbn FROM books WHERE isbn = ANY(?)", [isbns]);
    const saved = invalid.find(([, json]) => rows.some((row) => row.isbn === json.isbn));
    if (saved !== undefined) t.fail(`The app answered 422 for ${JSON.stringify(saved[1])} (${saved[0]}), but saved the book.`, { expected: "no row" });
  });

  await t.check("PATCH /books/{id} with copies below 0 or too large answers 422 and leaves the book unchanged", async () => {
    const book = await createBook(t, { title: t.unique("Wild Seed"), copies: 2 });
    await expectError(t, { method: "PATCH", path: `/books/${book.id}`, json: { copies: -3 } }, 422);
    await expectError(t, { method: "PATCH", path: `/books/${book.id}`, json: { copies: 1e20 } }, 422);
    const body = await expectJson(t, { method: "GET", path: `/books/${book.id}` }, 200);
    if (body.copies !== 2) t.fail("The refused PATCH changed the book.", { expected: '"copies": 2' });
  });

  await t.check("POST /authors answers 422 for a name that is missing, empty, only spaces or not a string, and saves nothing", async () => {
    const before = await t.query("SELECT count(*) AS n FROM authors");
    for (const json of [{}, { name: "" }, { name: "   " }, { name: 42 }, { name: null }]) {
      await expectError(t, { method: "POST", path: "/authors", json }, 422);
    }
    const after = await t.query("SELECT count(*) AS n FROM authors");
    if (Number(after[0]?.n) !== Number(before[0]?.n)) t.fail("POST /authors answered 422, but an author was saved.", { expected: "no new row in authors" });
  });

  await t.check("a body that is not a JSON object answers 400 with an error", async () => {
    await expectError(t, { method: "POST", path: "/books", body: "not json", headers: { "Content-Type": "application/json" } }, 400);
    await expectError(t, { method: "POST", path: "/books", json: [1, 2] }, 400);
  });

  // The gap between a check and an insert is short: one try rarely falls into it, several do.
  await t.check(`${AT_ONCE} requests at once for the same new isbn, ${ROUNDS} times: each time one 201, the others 409, one row`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const isbn = newIsbn();
      const answers = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => t.newClient().request({ method: "POST", path: "/books", json: { title: `Race ${round}.${i}`, isbn, copies: 1 } })));
      const statuses = answers.map((a) => a.status).sort();
      const expected = ["201", ...Array.from({ length: AT_ONCE - 1 }, () => "409")].join(",");
      if (statuses.join(",") !== expected) {
        t.fail(`Round ${round + 1}: ${AT_ONCE} POST /books at once with isbn ${isbn} answered ${statuses.join(", ")}. Checking first and inserting after leaves a gap another request can use: let the UNIQUE constraint decide, and turn its error into 409.`, { expected: `one 201 and ${AT_ONCE - 1} x 409` });
      }
      const rows = await t.query("SELECT id FROM books WHERE isbn = ?", [isbn]);
      if (rows.length !== 1) t.fail(`books holds ${rows.length} rows with isbn ${isbn}.`, { expected: "one row" });
    }
  });
}
