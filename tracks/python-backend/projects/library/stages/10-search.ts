/** Stage 10: search by the start of a title, case-insensitive, served by an index. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { createBook, describeStatements, expectError, expectJson, listOf } from "./support.js";

/** lower(title) LIKE or upper("books"."title"::text) LIKE, as an ORM writes it; group 1 is the function. */
const PREFIX_SEARCH = /\b(lower|upper)\s*\(\s*(?:[^()]|\([^()]*\))*\btitle\b(?:[^()]|\([^()]*\))*\)\s+LIKE\b/i;

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

  await t.check("a quote in the search is a plain character too (the text is a parameter, not SQL)", async () => {
    const quoted = await createBook(t, { title: `${key}O'Brien's Tale` });
    const req = { method: "GET", path: `/books/search?title=${encodeURIComponent(`${key.toLowerCase()}o'brien`)}` };
    const ids = listOf(t, await expectJson(t, req, 200), "books", req).map((x) => x.id);
    if (ids.join(",") !== String(quoted.id)) t.fail(`Searching for "${key.toLowerCase()}o'brien" must find the book titled "${key}O'Brien's Tale". Pass the text to the query as a parameter; never paste it into the SQL.`, { request: req, expected: `only book ${quoted.id}` });
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

  // The check above EXPLAINs the grader's own query; this one reads the query the app runs,
  // so that ILIKE, or lower() searched while upper() is indexed, cannot pass.
  await t.check("the search your app runs is one its index serves: lower(title) or upper(title) LIKE '...%'", async () => {
    const req = { method: "GET", path: `/books/search?title=${encodeURIComponent(key.toLowerCase())}` };
    const counted = await t.countStatements(() => expectJson(t, req, 200));
    const ran = counted.statements.map((st) => st.query.replace(/\s+/g, " "));
    const unindexable = ran.find((q) => /\bILIKE\b|~~\*|~\*|\bSIMILAR TO\b/i.test(q));
    const match = ran.map((q) => PREFIX_SEARCH.exec(q)).find((m) => m !== null);
    if (unindexable !== undefined || match === undefined || match === null) {
      t.fail(
        `GET /books/search ran:\n${describeStatements(counted)}\n` +
          "None of these compares lower(title) (or upper(title)) with LIKE, which is the only search the index on lower(title) can serve: " +
          "ILIKE, a regular expression or title itself reads the whole table. Search with lower(title) LIKE lower('dun') || '%' (SQLAlchemy: func.lower(Book.title).like(...)).",
        { request: req, expected: "a statement with lower(title) LIKE or upper(title) LIKE" },
      );
    }
    const fn = (match[1] ?? "lower").toLowerCase();
    const forms = fn === "upper" ? ["SELECT id FROM books WHERE upper(title) LIKE 'DUN%'", "SELECT id FROM books WHERE upper(title::text) LIKE 'DUN%'"] : ["SELECT id FROM books WHERE lower(title) LIKE 'dun%'"];
    for (const sql of forms) {
      if ((await t.explain(sql, [], { seqscan: false })).indexesUsed.length > 0) return;
    }
    const indexes = await t.query("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'books'");
    t.fail(
      `Your search compares ${fn}(title), but no index on ${fn}(title) serves it (${forms[0] ?? ""} reads the whole table). ` +
        `Index the expression your search uses: CREATE INDEX ... ON books (${fn}(title) text_pattern_ops).\nThe indexes on books now:\n${indexes.map((r) => `  ${String(r.indexdef)}`).join("\n")}`,
      { request: req, expected: `an index on ${fn}(title) with text_pattern_ops` },
    );
  });
}
