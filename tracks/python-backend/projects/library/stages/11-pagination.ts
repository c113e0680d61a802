/** Stage 11: keyset pagination: a `next` cursor, pages that do not shift when books are added. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, expectError, expectJson, listOf, withinBudget, type Json } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const made: number[] = [];
  let first: Json[] = [];
  let second: Json[] = [];
  let next: unknown;
  await t.check("GET /books?limit=10 gives the newest page and a `next` cursor", async () => {
    for (let i = 0; i < 25; i++) made.push((await createBook(t, { title: t.unique(`Page ${i}`) })).id);
    const req = { method: "GET", path: "/books?limit=10" };
    const body = await expectJson(t, req, 200);
    first = listOf(t, body, "books", req);
    next = body.next;
    const want = made.slice(-10).reverse();
    if (first.map((b) => b.id).join(",") !== want.join(",")) t.fail("The first page should hold the ten newest books, newest first.", { request: req, expected: `books ${want.join(", ")}` });
    if (typeof next !== "string" || next === "") t.fail('The page should carry "next": a string to ask for the following page with.', { request: req, expected: '"next": "<cursor>"' });
  });

  await t.check("the next page follows on exactly, even when books were added in between (no OFFSET drift)", async () => {
    for (let i = 0; i < 4; i++) await createBook(t, { title: t.unique(`Newcomer ${i}`) });
    const req = { method: "GET", path: `/books?limit=10&cursor=${encodeURIComponent(String(next))}` };
    const body = await expectJson(t, req, 200);
    const page = listOf(t, body, "books", req);
    const want = made.slice(-20, -10).reverse();
    const seen = page.filter((b) => first.some((f) => f.id === b.id)).map((b) => String(b.id));
    if (seen.length > 0) t.fail(`The second page repeats book(s) ${seen.join(", ")} of the first: four books were added in between, and a page counted by OFFSET shifts by four. Start the next page after the last book seen (WHERE id < cursor).`, { request: req, expected: `books ${want.join(", ")}` });
    if (page.map((b) => b.id).join(",") !== want.join(",")) t.fail("The second page should hold the ten books just older than the first page's, newest first.", { request: req, expected: `books ${want.join(", ")}` });
    second = page;
    next = body.next;
  });

  await t.check("paging on to the end lists every older book once, and the last page has \"next\": null", async () => {
    const all = new Set<unknown>([...first, ...second].map((b) => b.id));
    let cursor = next;
    let pages = 0;
    while (typeof cursor === "string" && pages < 100) {
      const req = { method: "GET", path: `/books?limit=100&cursor=${encodeURIComponent(cursor)}` };
      const body = await withinBudget(t, req, 200, 3);
      for (const book of listOf(t, body, "books", req)) {
        if (all.has(book.id)) t.fail(`Book ${String(book.id)} came twice while paging.`, { request: req, expected: "each book once" });
        all.add(book.id);
      }
      cursor = body.next;
      pages += 1;
    }
    if (cursor !== null) t.fail('The last page must say "next": null.', { expected: '"next": null' });
    const missing = made.filter((id) => !all.has(id));
    if (missing.length > 0) t.fail(`Paging to the end skipped book(s) ${missing.join(", ")}.`, { expected: "every book once" });
  });

  await t.check("a page that is exactly the last one says \"next\": null", async () => {
    const rows = await t.query("SELECT min(id) AS low FROM books");
    const low = Number(rows[0]?.low);
    const req = { method: "GET", path: `/books?limit=1&cursor=${encodeURIComponent(String(low + 1))}` };
    const res = await t.request(req);
    // Only when the app's cursor is the id, as the instructions suggest; an opaque cursor is checked above.
    if (res.status === 200) {
      const body = res.json as Json;
      if (Array.isArray(body.books) && body.books.length === 1 && body.next !== null) t.fail("The page held the last (oldest) book, so there is no next page.", { request: req, response: res, expected: '"next": null' });
    }
  });

  await t.check("a cursor the app did not give answers 400", async () => {
    for (const cursor of ["not-a-cursor", "-1", "1 OR 1=1"]) await expectError(t, { method: "GET", path: `/books?cursor=${encodeURIComponent(cursor)}` }, 400);
  });
}
