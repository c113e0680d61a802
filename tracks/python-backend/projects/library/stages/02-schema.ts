/** Stage 2: the schema, made by migrations: tables, keys, and the constraints that keep the data right. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectJson } from "./support.js";

const COLUMNS: Record<string, Record<string, { type: string; nullable: boolean }>> = {
  authors: { id: { type: "integer", nullable: false }, name: { type: "text", nullable: false } },
  books: { id: { type: "integer", nullable: false }, title: { type: "text", nullable: false }, isbn: { type: "text", nullable: false }, copies: { type: "integer", nullable: false } },
  book_authors: { book_id: { type: "integer", nullable: false }, author_id: { type: "integer", nullable: false } },
  members: { id: { type: "integer", nullable: false }, name: { type: "text", nullable: false }, email: { type: "text", nullable: false } },
  loans: {
    id: { type: "integer", nullable: false },
    book_id: { type: "integer", nullable: false },
    member_id: { type: "integer", nullable: false },
    loaned_at: { type: "timestamp with time zone", nullable: false },
    due_at: { type: "date", nullable: false },
    returned_at: { type: "timestamp with time zone", nullable: true },
  },
};

/** information_schema's names for what a learner may write: varchar is text here, bigint an integer. */
function sameType(found: string, wanted: string): boolean {
  const kind = (type: string): string => (["integer", "bigint", "smallint"].includes(type) ? "integer" : ["text", "character varying"].includes(type) ? "text" : type);
  return kind(found) === kind(wanted);
}

const FOREIGN_KEYS: Array<[string, string, string]> = [
  ["book_authors", "book_id", "books"],
  ["book_authors", "author_id", "authors"],
  ["loans", "book_id", "books"],
  ["loans", "member_id", "members"],
];

export default async function stage(t: StageContext): Promise<void> {
  await t.check("the tables authors, books, book_authors, members and loans have the columns of the instructions", async () => {
    const rows = await t.query("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()");
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const found = rows.filter((row) => row.table_name === table);
      if (found.length === 0) t.fail(`There is no table ${table} in the app's database (schema ${"public"}). Did the migrations run when the app started?`, { expected: `a table ${table}` });
      for (const [column, want] of Object.entries(columns)) {
        const row = found.find((r) => r.column_name === column);
        if (row === undefined) t.fail(`The table ${table} has no column ${column}.`, { expected: `${table}.${column} ${want.type}` });
        if (!sameType(String(row.data_type), want.type)) t.fail(`${table}.${column} is ${String(row.data_type)}; expected ${want.type}.`, { expected: `${table}.${column} ${want.type}` });
        if ((row.is_nullable === "YES") !== want.nullable) {
          t.fail(want.nullable ? `${table}.${column} must allow NULL (a loan not returned yet has none).` : `${table}.${column} allows NULL; it must be NOT NULL.`, { expected: `${table}.${column} ${want.type}${want.nullable ? "" : " NOT NULL"}` });
        }
      }
    }
  });

  await t.check("every table has a primary key, and a book is linked to an author at most once", async () => {
    const rows = await t.query(
      `SELECT tc.constraint_name, tc.constraint_type, tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
        WHERE tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') AND tc.table_schema = current_schema()`,
    );
    const keys = (table: string, type: string): string[] => {
      const byName = new Map<string, string[]>();
      for (const r of rows.filter((r) => r.table_name === table && r.constraint_type === type)) byName.set(String(r.constraint_name), [...(byName.get(String(r.constraint_name)) ?? []), String(r.column_name)]);
      return [...byName.values()].map((columns) => columns.sort().join(","));
    };
    for (const table of Object.keys(COLUMNS)) {
      const primary = keys(table, "PRIMARY KEY");
      if (table === "book_authors") {
        // PRIMARY KEY (book_id, author_id), or an id key with UNIQUE (book_id, author_id) as Django makes it.
        if (!primary.includes("author_id,book_id") && !keys(table, "UNIQUE").includes("author_id,book_id")) {
          t.fail("book_authors lets the same book be linked to the same author twice: make (book_id, author_id) its primary key (or UNIQUE).", { expected: "PRIMARY KEY (book_id, author_id)" });
        }
        if (primary.length === 0) t.fail("book_authors has no primary key.", { expected: "PRIMARY KEY (book_id, author_id)" });
      } else if (!primary.includes("id")) {
        t.fail(`The primary key of ${table} is (${primary.join("; ") || "none"}); expected (id).`, { expected: "id ... PRIMARY KEY" });
      }
    }
  });

  await t.check("foreign keys: book_authors and loans point at the rows they name", async () => {
    const rows = await t.query(
      `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS target FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
    );
    for (const [table, column, target] of FOREIGN_KEYS) {
      if (!rows.some((r) => r.table_name === table && r.column_name === column && r.target === target)) {
        t.fail(`${table}.${column} is not a foreign key to ${target}: the database would accept a ${column} that names no row.`, { expected: `${table}.${column} REFERENCES ${target}(id)` });
      }
    }
  });

  await t.check("books.isbn and members.email are UNIQUE", async () => {
    const rows = await t.query(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'UNIQUE' AND tc.table_schema = current_schema()`,
    );
    // A unique index (CREATE UNIQUE INDEX) guards as well as a constraint does.
    const indexes = await t.query("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE 'CREATE UNIQUE INDEX%'");
    for (const [table, column] of [["books", "isbn"], ["members", "email"]] as const) {
      const constraint = rows.some((r) => r.table_name === table && r.column_name === column);
      const index = indexes.some((r) => r.tablename === table && new RegExp(`\\(\\s*"?${column}"?\\s*\\)`).test(String(r.indexdef)));
      if (!constraint && !index) t.fail(`${table}.${column} is not UNIQUE: two rows could share it.`, { expected: `${table}.${column} ... UNIQUE` });
    }
  });

  await t.check("books.copies has a CHECK constraint: it can never go below 0", async () => {
    const rows = await t.query(
      "SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE c.contype = 'c' AND r.relname = 'books' AND n.nspname = current_schema()",
    );
    if (!rows.some((r) => /\bcopies\b\s*>=\s*0/.test(String(r.def)))) {
      t.fail(`books has no CHECK (copies >= 0) (its checks: ${rows.map((r) => String(r.def)).join("; ") || "none"}). Without it, a bug or a race could lend a copy the library does not have.`, { expected: "CHECK (copies >= 0)" });
    }
  });

  await t.check("the app starts again on a database it migrated already (each migration runs once)", async () => {
    await t.restartApp();
    await expectJson(t, { method: "GET", path: "/health" }, 200);
  });
}
