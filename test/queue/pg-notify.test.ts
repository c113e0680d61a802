import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DIALECTS, type TestDatabase } from "../store/dialects.js";
import { openDatabase } from "../../src/store/index.js";
import { Signals } from "../../src/queue/signals.js";
import { bridgeSignalsOverPostgres, type SignalBridge } from "../../src/queue/pg-notify.js";
import type { OpenDatabase } from "../../src/store/index.js";
import { sql } from "kysely";
import { recordingLog } from "../../src/log.js";

const postgres = DIALECTS.find((d) => d.name === "postgres");

/** Resolves when `name` is raised on `signals`; rejects after a generous guard so a lost signal fails the test instead of hanging it. */
function received(signals: Signals, name: Parameters<Signals["subscribe"]>[0]): Promise<void> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`${name} never arrived`)), 10_000);
    const stop = signals.subscribe(name, () => {
      clearTimeout(guard);
      stop();
      resolve();
    });
  });
}

void describe("signals across processes over PostgreSQL LISTEN/NOTIFY", { skip: postgres?.skip }, () => {
  let database: TestDatabase;
  let other: OpenDatabase;
  const bridges: SignalBridge[] = [];
  const server = new Signals();
  const worker = new Signals();
  before(async () => {
    database = await postgres!.create();
    other = await openDatabase(database.url);
    bridges.push(await bridgeSignalsOverPostgres(database.url, database.opened.db, server));
    bridges.push(await bridgeSignalsOverPostgres(database.url, other.db, worker));
  });
  after(async () => {
    for (const bridge of bridges) await bridge.close();
    await other?.close();
    await database?.drop();
  });

  void it("should wake the server's stream when a worker elsewhere stores a verdict", async () => {
    const arrival = received(server, "submission:abc");
    worker.submissionChanged("abc");
    await arrival;
  });

  void it("should wake an idle worker elsewhere when the server queues a job", async () => {
    const arrival = received(worker, "job");
    server.jobReady();
    await arrival;
  });

  void it("should not raise a process's own signal twice", async () => {
    let count = 0;
    const stop = server.subscribe("submission:own", () => count++);
    const elsewhere = received(worker, "submission:own");
    server.submissionChanged("own");
    await elsewhere;
    // The echo has reached this process too by the time the other one got it; send a marker after it.
    const marker = received(server, "submission:marker");
    worker.submissionChanged("marker");
    await marker;
    stop();
    assert.equal(count, 1);
  });
  void it("should reconnect, saying why, when its listening connection is ended", async () => {
    const log = recordingLog();
    const listener = new Signals();
    bridges.push(await bridgeSignalsOverPostgres(database.url, database.opened.db, listener, log));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`.execute(database.opened.db);
    // Every bridge lost its connection: send until one arrives after the reconnects.
    let arrived = false;
    const stop = listener.subscribe("submission:back", () => (arrived = true));
    for (let i = 0; i < 50 && !arrived; i++) {
      worker.submissionChanged("back");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stop();
    assert.ok(arrived, "no signal arrived after the listening connection was ended");
    assert.ok(log.lines.some((line) => line.level === "warn" && /lost the PostgreSQL notification connection/.test(line.msg ?? "")), JSON.stringify(log.lines));
  });
});
