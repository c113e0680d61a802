import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handOutStarter } from "../../src/cli/hand-out.js";

const EVENT_TICKETS = join(import.meta.dirname, "..", "..", "tracks", "python-backend", "projects", "event-tickets");
const TASK_TRACKER = join(import.meta.dirname, "..", "..", "tracks", "python-backend", "projects", "task-tracker");
const work = mkdtempSync(join(tmpdir(), "rw-hand-out-"));
after(() => rmSync(work, { recursive: true, force: true }));

void describe("roadwork start PROJECT: the starter code handed to a learner", () => {
  void it("copies the project's starter into a new folder: the codebase to join, without the feature or the fix", async () => {
    const out = await handOutStarter(EVENT_TICKETS, { dir: join(work, "box-office") });
    assert.equal(out.framework, "flask");
    assert.ok(existsSync(join(out.dir, "app.py")) && existsSync(join(out.dir, "tests", "test_orders.py")));
    assert.ok(!existsSync(join(out.dir, "tickets", "export.py")), "the feature is the learner's to build");
    assert.match(readFileSync(join(out.dir, "tickets", "timeutil.py"), "utf8"), /replace\(tzinfo=timezone\.utc\)/);
  });

  void it("refuses a folder that is not empty, a framework without a starter, and a project that has none", async () => {
    const full = join(work, "full");
    mkdirSync(full);
    writeFileSync(join(full, "mine.py"), "");
    await assert.rejects(handOutStarter(EVENT_TICKETS, { dir: full }), /exists and is not empty/);
    await assert.rejects(handOutStarter(EVENT_TICKETS, { dir: join(work, "d"), framework: "django" }), /starter code for flask only, not django/);
    await assert.rejects(handOutStarter(EVENT_TICKETS, { dir: join(work, "e"), framework: "rails" }), /--framework is one of flask, fastapi, django/);
    await assert.rejects(handOutStarter(TASK_TRACKER, { dir: join(work, "t") }), /task-tracker has no starter code/);
    assert.equal(readFileSync(join(full, "mine.py"), "utf8"), "");
  });
});
