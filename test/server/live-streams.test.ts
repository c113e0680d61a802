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
import { fakeJobGrader } from "../worker/fakes.js";
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

/** A point the fake grading stops at until the test opens it. */
function gate(): { reached: Promise<void>; markReached: () => void; opened: Promise<void>; open: () => void } {
  let markReached = (): void => undefined;
  let open = (): void => undefined;
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { reached, markReached, opened, open };
}

for (const dialect of DIALECTS) void describe(`live results resumed with Last-Event-ID on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  let pause = gate();
  before(async () => {
    // Sends its first result, waits for the test, then the other two and the verdict.
    const grader = fakeJobGrader(async (_job, sink) => {
      const tests = [
        { name: "test_first", status: "pass" as const },
        { name: "test_second", status: "pass" as const },
        { name: "test_third", status: "fail" as const, message: "expected 3, got 4" },
      ];
      sink.test(0, tests[0]!);
      pause.markReached();
      await pause.opened;
      sink.test(1, tests[1]!);
      sink.test(2, tests[2]!);
      return { version: 3, status: "fail", tests };
    });
    t = await buildTestAppOn(dialect, { config: NO_POLL, grader });
    ada = await signUp(t.app);
  });
  after(async () => {
    pause.open();
    await t?.close();
  });

  const submit = async (): Promise<string> => (await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "return 1" } })).json<{ id: string }>().id;
  const stream = (id: string, lastEventId?: string): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie, ...(lastEventId === undefined ? {} : { "last-event-id": lastEventId }) } });
  const testEvents = (body: string): Array<[string | undefined, string | undefined]> =>
    parseEvents(body)
      .filter((e) => e.event === "test")
      .map((e) => [e.id, (e.data as { name?: string }).name]);
  /** Starts grading a new submission and resolves once its first live result is stored. */
  async function gradingPaused(): Promise<{ id: string; grading: Promise<boolean> }> {
    pause = gate();
    const id = await submit();
    const grading = t.worker.runOnce();
    await pause.reached;
    let stored = 0;
    for (let i = 0; stored === 0 && i < 500; i++) {
      stored = (await t.store.submissionTests.from(id, 0)).length;
      if (stored === 0) await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(stored, 1, "the first live result was stored");
    return { id, grading };
  }

  void it("should keep live results out of the verdict column, in rows of their own, while grading", { timeout: 30_000 }, async () => {
    const { id, grading } = await gradingPaused();
    assert.deepEqual((await t.store.submissionTests.from(id, 0)).map((r) => [r.index, r.test.name]), [[0, "test_first"]]);
    const row = await t.store.submissions.byId(id);
    assert.deepEqual([row?.status, row?.report], ["running", null]);
    const read = await t.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: { cookie: ada.cookie } });
    assert.deepEqual(read.json<{ testsSoFar: Array<{ name: string }> }>().testsSoFar.map((test) => test.name), ["test_first"]);
    pause.open();
    await grading;
    assert.deepEqual(await t.store.submissionTests.from(id, 0), [], "the verdict replaces the live rows");
  });

  void it("should number test events by their index and, on a reconnect, send only the tests after Last-Event-ID", { timeout: 30_000 }, async () => {
    const { id, grading } = await gradingPaused();
    const first = stream(id);
    // A client that saw test 0 and lost its connection reconnects while the grading goes on.
    const resumed = stream(id, "0");
    await new Promise((r) => setTimeout(r, 50));
    pause.open();
    await grading;
    assert.deepEqual(testEvents((await first).body), [["0", "test_first"], ["1", "test_second"], ["2", "test_third"]]);
    assert.deepEqual(testEvents((await resumed).body), [["1", "test_second"], ["2", "test_third"]]);
    assert.equal(parseEvents((await resumed).body).at(-1)?.event, "done");
  });

  void it("should resume after the verdict too, and send no test twice", { timeout: 30_000 }, async () => {
    const { id, grading } = await gradingPaused();
    pause.open();
    await grading;
    assert.deepEqual(testEvents((await stream(id, "1")).body), [["2", "test_third"]]);
    assert.deepEqual(testEvents((await stream(id, "2")).body), []);
    assert.deepEqual(testEvents((await stream(id, "not a number")).body).length, 3);
  });

  void it("should end the stream of a submission deleted meanwhile with 'gone', never 'error' (a browser's name for a lost connection)", { timeout: 30_000 }, async () => {
    const id = await submit();
    const reads = countReads(t);
    const live = stream(id);
    await until(() => reads.get(id) === 1, "the stream read its submission once");
    await t.store.db.deleteFrom("jobs").where("submission_id", "=", id).execute();
    await t.store.db.deleteFrom("submissions").where("id", "=", id).execute();
    t.signals.submissionChanged(id);
    assert.deepEqual(parseEvents((await live).body).map((e) => e.event), ["queued", "gone"]);
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
