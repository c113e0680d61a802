/** Stage 10: search by the start of a title, case-insensitive, served by an index. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, expectError, expectJson, listOf } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const key = t.unique("Zq").replace(/-/g, "");
  await t.check("GET /books/search?title=... finds the books whose title starts with it, whatever the case, sorted by title", async () => {
    const b = await createBook(t, { title: `${key} Beta` });
    const a = await createBook(t, { title: `${key.toUpperCase()} alpha` });
    await createBook(t, { title: `Not ${key}` });
    const req = { method: "GET", path: `/books/search?title=${encodeURIComponent(key.toLowerCase())}` };
    const books = listOf(t, await expectJson(t, req, 200), "books", req);
    const ids = books.map((x) => x.id);
    if (ids.join(",") !== [a.id, b.id].join(",")) t.fail(`The search for "${key.toLowerCase()}" should find the two titles that start with it (in any case), sorted by title, and not the one that only contains it.`, { request: req, expected: `books ${a.id}, ${b.id}` });
  });

  await t.check("% and _ in the search are plain characters, not wildcards", async () => {
    const pct = await createBook(t, { title: `${key}100% Cotton` });
    await createBook(t, { title: `${key}1000 Years` });
    const req = { method: "GET", path: `/books/search?title=${encodeURIComponent(`${key}100%`)}` };
    const ids = listOf(t, await expectJson(t, req, 200), "books", req).map((x) => x.id);
    if (ids.join(",") !== String(pct.id)) t.fail('Searching for "100%" must find only titles that start with "100%": escape % and _ before you put the text in a LIKE pattern.', { request: req, expected: `only book ${pct.id}` });
    const under = { method: "GET", path: `/books/search?title=${encodeURIComponent(`${key}1_0`)}` };
    const none = listOf(t, await expectJson(t, under, 200), "books", under);
    if (none.length !== 0) t.fail('"_" matched a digit: it must be a plain character.', { request: under, expected: "no books" });
  });

  await t.check("GET /books/search without a title answers 422", async () => {
    await expectError(t, { method: "GET", path: "/books/search" }, 422);
    await expectError(t, { method: "GET", path: "/books/search?title=" }, 422);
  });

  await t.check("an index serves the search: EXPLAIN of WHERE lower(title) LIKE 'dun%' (or upper(title) LIKE 'DUN%') searches an index", async () => {
    const forms = ["SELECT id FROM books WHERE lower(title) LIKE 'dun%'", "SELECT id FROM books WHERE upper(title) LIKE 'DUN%'", "SELECT id FROM books WHERE upper(title::text) LIKE 'DUN%'"];
    const plans = [];
    for (const sql of forms) {
      const plan = await t.explain(sql, [], { seqscan: false });
      if (plan.indexesUsed.length > 0) return;
      plans.push(`${sql}\n${plan.text}`);
    }
    const indexes = await t.query("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'books'");
    t.fail(
      "No index can serve a search by the start of a title: even with sequential scans discouraged, PostgreSQL reads the whole table. " +
        "The database's collation is not C, so a plain index on title (or on lower(title)) cannot serve LIKE 'abc%': " +
        "make one on lower(title) with the operator class text_pattern_ops, in a migration.\n" +
        `The plans (with SET enable_seqscan = off):\n${plans.join("\n\n")}\n\nThe indexes on books now:\n${indexes.map((r) => `  ${String(r.indexdef)}`).join("\n")}`,
      { expected: "an Index Scan or Bitmap Index Scan with an Index Cond on lower(title)" },
    );
  });
}
