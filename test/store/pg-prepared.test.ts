import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "kysely";
import { DIALECTS, type TestDatabase } from "./dialects.js";
import { prepareStatementsOn, statementName } from "../../src/store/pg-prepared.js";

/** A client that records what query() was given. */
function recordingClient(): { client: { query: (...args: never[]) => unknown }; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return { client: { query: (...args: unknown[]) => calls.push(args) }, calls };
}

void describe("named statements (unit)", () => {
  void it("should send DML with values as a named statement whose name is the hash of its text", () => {
    const { client, calls } = recordingClient();
    prepareStatementsOn(client);
    client.query(...(["select * from users where id = $1", ["u1"]] as never[]));
    assert.deepEqual(calls[0], [{ name: statementName("select * from users where id = $1"), text: "select * from users where id = $1", values: ["u1"] }]);
  });

  void it("should leave DDL, config objects and callbacks unnamed", () => {
    const { client, calls } = recordingClient();
    prepareStatementsOn(client);
    const callback = (): void => undefined;
    const config = { text: "select 1" };
    client.query(...(["create table t (id int)", []] as never[]));
    client.query(...([config] as never[]));
    client.query(...(["select 1", [], callback] as never[]));
    assert.deepEqual(calls, [["create table t (id int)", []], [config], ["select 1", [], callback]]);
  });

  void it("should name at most maxNames texts per connection and send the rest unnamed", () => {
    const { client, calls } = recordingClient();
    prepareStatementsOn(client, { maxNames: 2 });
    for (const text of ["select 1", "select 2", "select 3", "select 1"]) client.query(...([text, []] as never[]));
    const names = calls.map((args) => (typeof args[0] === "object" ? (args[0] as { name: string }).name : undefined));
    assert.deepEqual(names, [statementName("select 1"), statementName("select 2"), undefined, statementName("select 1")]);
  });
});

const postgres = DIALECTS.find((d) => d.name === "postgres");

void describe("named statements on PostgreSQL", { skip: postgres?.skip }, () => {
  let t: TestDatabase;
  before(async () => {
    t = await postgres!.create();
  });
  after(async () => {
    await t?.drop();
  });

  void it("should prepare a store query once per connection and reuse it", async () => {
    const user = await t.store.users.create({ email: "prepared@example.org", name: "P", passwordHash: "h", role: "learner" });
    const compiled = t.opened.db.selectFrom("users").selectAll().where("id", "=", user.id).compile();
    const statements = await t.opened.db.connection().execute(async (conn) => {
      // Twice on one connection: the second run binds the prepared statement again.
      for (let i = 0; i < 2; i++) assert.equal((await conn.executeQuery(compiled)).rows.length, 1);
      const result = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
      return result.rows;
    });
    const mine = statements.find((s) => s.name === statementName(compiled.sql));
    assert.ok(mine, `no prepared statement for ${compiled.sql} among ${statements.map((s) => s.name).join(", ")}`);
    assert.equal(mine.statement, compiled.sql);
  });
});
