import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import assert from "node:assert/strict";
import { buildTestAppOn, parseEvents, signUp, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";
import { openDatabase, Store, type OpenDatabase } from "../../src/store/index.js";
import { Signals } from "../../src/queue/signals.js";
import { DatabaseQueue } from "../../src/queue/database-queue.js";
import { Worker } from "../../src/queue/worker.js";
import { fakeGrader } from "./helpers.js";
import { bridgeSignalsOverPostgres, type SignalBridge } from "../../src/queue/pg-notify.js";

// An hour: a stream that still finishes was woken by a notification, not by the safety poll.
const NO_POLL = { limits: { liveSafetyPollMs: 3_600_000 } };

/** Resolves once `condition` holds; the guard turns a wait that never ends into a failure. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const guard = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > guard) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Counts the live stream's reads of each submission. */
function countReads(t: TestApp, during?: (id: string, read: number) => Promise<void>): Map<string, number> {
  const reads = new Map<string, number>();
  const original = t.store.submissions.statusOf.bind(t.store.submissions);
  t.store.submissions.statusOf = async (id) => {
    const n = (reads.get(id) ?? 0) + 1;
    reads.set(id, n);
    const row = await original(id);
    await during?.(id, n);
    return row;
  };
  return reads;
}

for (const dialect of DIALECTS) void describe(`live results woken by the queue's notifications on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  before(async () => {
    t = await buildTestAppOn(dialect, { config: NO_POLL });
    ada = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  async function submit(source: string): Promise<string> {
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source } });
    assert.equal(response.statusCode, 202, response.body);
    return response.json<{ id: string }>().id;
  }
  const stream = (id: string): Promise<LightMyRequestResponse> => t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie } });

  void it("should bring every open stream its verdict with a read per change, not a poll", { timeout: 30_000 }, async () => {
    const reads = countReads(t);
    const ids = [await submit("return 1"), await submit("return 2"), await submit("nothing")];
    const streams = ids.map(stream);
    await until(() => ids.every((id) => reads.get(id) === 1), "each stream read its submission once");
    while (await t.worker.runOnce());
    for (const response of await Promise.all(streams)) {
      assert.deepEqual(parseEvents(response.body).map((e) => e.event), ["queued", "running", "test", "test", "done"]);
    }
    // One read at the start, at most one for "running" and one for the verdict.
    for (const id of ids) assert.ok((reads.get(id) ?? 0) <= 3, `${reads.get(id)} reads of ${id}`);
  });

  void it("should not lose a change signalled while the stream was reading", { timeout: 30_000 }, async () => {
    const id = await submit("return 3");
    // The worker takes the job (and signals it) while the stream's first read is under way:
    // the row that read returns is already stale, and the signal came before the stream waited.
    countReads(t, async (read, n) => {
      if (read === id && n === 1) assert.equal(await t.worker.runOnce(), true);
    });
    const events = parseEvents((await stream(id)).body);
    assert.deepEqual(events.map((e) => e.event), ["queued", "running", "test", "test", "done"]);
  });
});

const postgres = DIALECTS.find((d) => d.name === "postgres");
void describe("live results from a worker in another process over PostgreSQL LISTEN/NOTIFY", { skip: postgres?.skip }, () => {
  let t: TestApp;
  let other: OpenDatabase;
  const bridges: SignalBridge[] = [];
  let elsewhere: Worker;
  before(async () => {
    t = await buildTestAppOn(postgres!, { config: NO_POLL });
    // The worker's own database pool, signals and queue, as in a separate `roadwork worker`.
    other = await openDatabase(t.config.databaseUrl);
    const signals = new Signals();
    const store = Store.from(other);
    elsewhere = new Worker({ queue: new DatabaseQueue(store, { signals }), store, grader: fakeGrader, signals, leaseMs: 5000 });
    bridges.push(await bridgeSignalsOverPostgres(t.config.databaseUrl, t.opened.db, t.signals));
    bridges.push(await bridgeSignalsOverPostgres(t.config.databaseUrl, other.db, signals));
  });
  after(async () => {
    for (const bridge of bridges) await bridge.close();
    await other?.close();
    await t?.close();
  });

  void it("should wake the server's stream when the other process stores the verdict", { timeout: 30_000 }, async () => {
    const reads = countReads(t);
    const client = await signUp(t.app);
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source: "return 1" } });
    const id = response.json<{ id: string }>().id;
    const live = t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: client.cookie } });
    await until(() => reads.get(id) === 1, "the stream read its submission once");
    assert.equal(await elsewhere.runOnce(), true);
    assert.deepEqual(parseEvents((await live).body).map((e) => e.event), ["queued", "running", "test", "test", "done"]);
    assert.ok((reads.get(id) ?? 0) <= 3, `${reads.get(id)} reads`);
  });
});

void describe("many open live streams", () => {
  void it("should not warn of a listener leak when more than ten streams are open at once", { timeout: 30_000 }, async () => {
    const t = await buildTestAppOn(DIALECTS[0]!, { config: NO_POLL });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      const ada = await signUp(t.app);
      const sent = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "return 1" } });
      const { id } = sent.json<{ id: string }>();
      // Each open stream listens for the server closing; twelve of them pass Node's default of ten.
      const streams = Array.from({ length: 12 }, () => t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie } }));
      await new Promise((r) => setTimeout(r, 200));
      while (await t.worker.runOnce());
      for (const response of await Promise.all(streams)) assert.equal(parseEvents(response.body).at(-1)?.event, "done");
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning")), []);
    } finally {
      process.off("warning", onWarning);
      await t.close();
    }
  });
});
