/** What t.explain and t.countStatements make of PostgreSQL's answers (no database needed). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readPlan } from "../../src/grading/project/query-plan.js";
import { statementsBetween } from "../../src/grading/project/services/postgres-statements.js";
import { createStageContext, StageRecorder, type StageRuntime } from "../../src/grading/project/stage-context.js";
import type { StatementSnapshot } from "../../src/grading/project/services/postgres-statements.js";

const bitmapPlan = [
  {
    Plan: {
      "Node Type": "Bitmap Heap Scan",
      "Relation Name": "books",
      "Recheck Cond": "(lower(title) ~~ 'dun%'::text)",
      Plans: [{ "Node Type": "Bitmap Index Scan", "Index Name": "books_title_prefix", "Index Cond": "((lower(title) ~>=~ 'dun'::text) AND (lower(title) ~<~ 'duo'::text))" }],
    },
  },
];

void describe("readPlan", () => {
  void it("counts an index searched with an Index Cond as serving the query", () => {
    const plan = readPlan(bitmapPlan, "Bitmap Heap Scan on books");
    assert.deepEqual(plan.indexesUsed, ["books_title_prefix"]);
    assert.deepEqual(plan.seqScans, []);
    assert.equal(plan.scans.length, 2);
    assert.equal(plan.text, "Bitmap Heap Scan on books");
  });

  void it("does not count an index read end to end with the search as a Filter, and lists table scans", () => {
    const fullIndex = [{ Plan: { "Node Type": "Index Scan", "Relation Name": "books", "Index Name": "books_title", Filter: "(lower(title) ~~ 'dun%'::text)" } }];
    assert.deepEqual(readPlan(fullIndex, "").indexesUsed, []);
    const seq = [{ Plan: { "Node Type": "Sort", Plans: [{ "Node Type": "Seq Scan", "Relation Name": "books", Filter: "x" }] } }];
    const plan = readPlan(seq, "");
    assert.deepEqual(plan.indexesUsed, []);
    assert.deepEqual(plan.seqScans, ["books"]);
  });

  void it("reads a value that is not a plan as a plan with no scans", () => {
    assert.deepEqual(readPlan(undefined, "").scans, []);
    assert.deepEqual(readPlan([{ Plan: "nonsense" }], "").scans, []);
  });
});

void describe("statementsBetween", () => {
  const snap = (entries: Array<[string, string, number]>): StatementSnapshot => new Map(entries.map(([key, query, calls]) => [key, { query, calls }]));

  void it("gives what each statement ran between the snapshots, most run first, leaving out those that did not run", () => {
    const before = snap([["1:a", "SELECT 1", 4], ["1:b", "SELECT * FROM authors WHERE id = $1", 10]]);
    const after = snap([["1:a", "SELECT 1", 4], ["1:b", "SELECT * FROM authors WHERE id = $1", 60], ["1:c", "SELECT * FROM books LIMIT $1", 1]]);
    assert.deepEqual(statementsBetween(before, after), [
      { query: "SELECT * FROM authors WHERE id = $1", calls: 50 },
      { query: "SELECT * FROM books LIMIT $1", calls: 1 },
    ]);
  });

  void it("counts a statement evicted and seen again by what it ran since, never more", () => {
    assert.deepEqual(statementsBetween(snap([["1:a", "SELECT 1", 9]]), snap([["1:a", "SELECT 1", 2]])), [{ query: "SELECT 1", calls: 2 }]);
  });
});

void describe("t.countStatements and t.explain", () => {
  function runtime(snapshots: StatementSnapshot[], explain: StageRuntime["explain"]): StageRuntime {
    return {
      baseUrl: "http://127.0.0.1:8000",
      send: () => Promise.resolve({ status: 200, headers: [], body: Buffer.from("{}") }),
      restartApp: () => Promise.resolve(),
      emails: () => [],
      query: () => Promise.resolve([]),
      statements: () => Promise.resolve(snapshots.shift() ?? new Map()),
      explain,
      logTail: () => "",
      appExited: () => undefined,
    };
  }

  void it("counts the statements between a snapshot before the body and one after, and gives the body's value", async () => {
    const before: StatementSnapshot = new Map([["1:a", { query: "SELECT 1", calls: 1 }]]);
    const after: StatementSnapshot = new Map([["1:a", { query: "SELECT 1", calls: 3 }], ["1:b", { query: "SELECT 2", calls: 1 }]]);
    const t = createStageContext(runtime([before, after], () => Promise.reject(new Error("unused"))), new StageRecorder({ n: 1, title: "x" }));
    const counted = await t.countStatements(() => Promise.resolve("value"));
    assert.equal(counted.value, "value");
    assert.equal(counted.count, 3);
    assert.deepEqual(counted.statements, [{ query: "SELECT 1", calls: 2 }, { query: "SELECT 2", calls: 1 }]);
  });

  void it("turns a plan into its scans, and a query that does not plan into a failed check", async () => {
    const t = createStageContext(runtime([], (sql) => (sql.includes("missing") ? Promise.reject(new Error('relation "missing" does not exist')) : Promise.resolve({ json: bitmapPlan, text: "plan" }))), new StageRecorder({ n: 1, title: "x" }));
    assert.deepEqual((await t.explain("SELECT id FROM books WHERE lower(title) LIKE 'dun%'", [], { seqscan: false })).indexesUsed, ["books_title_prefix"]);
    await assert.rejects(t.explain("SELECT * FROM missing"), (error: Error) => error.name === "StageFailure" && /relation "missing" does not exist/.test(error.message));
  });
});
