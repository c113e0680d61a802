/**
 * The contract of project grading with whoever calls it (the queue, the CLI, the content
 * check): anything about the learner's app is a GradeReport; a machine fault throws
 * INFRASTRUCTURE or SANDBOX_UNAVAILABLE (the queue retries it); a broken project throws
 * CONTENT_INVALID. One test per class.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../src/errors.js";
import { recordingLog } from "../../src/log.js";
import { checkProject, loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { flaskApp, PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";

/** The sandbox with some of its methods replaced (a class instance does not spread). */
function altered(sandbox: Sandbox, overrides: Partial<Sandbox>): Sandbox {
  return {
    name: overrides.name ?? sandbox.name,
    protections: overrides.protections ?? (() => sandbox.protections()),
    spawn: overrides.spawn ?? ((spec) => sandbox.spawn(spec)),
    acquireIdentity: overrides.acquireIdentity ?? (() => sandbox.acquireIdentity()),
    run: overrides.run ?? ((spec) => sandbox.run(spec)),
    close: overrides.close ?? (() => sandbox.close()),
  };
}

function rejectsWith(code: RoadworkError["code"], pattern?: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof RoadworkError, `expected a RoadworkError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.toString(), pattern);
    return true;
  };
}

void describe("project grading: report, or throw by whose fault it is", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dir = tempDir("contract");
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    project = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });
  const app = (name: string, files: Record<string, string>): string => writeTree(join(dir.path, name), files);
  /** The notes project with stage 2 replaced by `source`. */
  const withStage2 = (name: string, source: string): Project => loadProject(writeTree(join(dir.path, name), { ...PROJECT_FILES, "stages/02-notes.ts": source }));

  void it("the learner's app never starting is a report (fail), not a throw", async () => {
    const report = await testProject({ sandbox, project, appDir: app("crash", { "app.py": "from flask import Flask\napp = Flask(__name__)\nraise SystemExit(4)\n" }) });
    assert.equal(report.status, "fail");
    assert.equal(report.failed_stage, 1);
  });

  void it("a sandbox that cannot start anything throws SANDBOX_UNAVAILABLE", async () => {
    const broken = altered(sandbox, {
      name: "broken",
      spawn: () => {
        throw new RoadworkError("SANDBOX_UNAVAILABLE", "bubblewrap is gone");
      },
      acquireIdentity: () => Promise.resolve({ uid: process.getuid?.() ?? 0, release: () => Promise.resolve() }),
    });
    await assert.rejects(testProject({ sandbox: broken, project, appDir: app("good-1", flaskApp("good")) }), rejectsWith("SANDBOX_UNAVAILABLE", /bubblewrap is gone/));
  });

  void it("any other fault of the machine throws INFRASTRUCTURE, with the cause", async () => {
    const broken = altered(sandbox, { name: "no uids", acquireIdentity: () => Promise.reject(new Error("no free uid")) });
    await assert.rejects(testProject({ sandbox: broken, project, appDir: app("good-2", flaskApp("good")) }), rejectsWith("INFRASTRUCTURE", /no free uid/));
  });

  void it("an SMTP catcher that cannot bind its socket throws INFRASTRUCTURE", async () => {
    // A unix socket path longer than the kernel's 108 bytes cannot be bound.
    const deep = join(dir.path, "x".repeat(60), "y".repeat(60));
    mkdirSync(deep, { recursive: true });
    const saved = process.env["TMPDIR"];
    process.env["TMPDIR"] = deep;
    try {
      await assert.rejects(testProject({ sandbox, project, appDir: app("good-3", flaskApp("good")) }), rejectsWith("INFRASTRUCTURE"));
    } finally {
      if (saved === undefined) delete process.env["TMPDIR"];
      else process.env["TMPDIR"] = saved;
    }
  });

  void it("a stage file that does not compile throws CONTENT_INVALID naming it", async () => {
    const broken = withStage2("no-compile", "export default async function stage(t) {\n  await t.check('x', async () => {\n");
    await assert.rejects(testProject({ sandbox, project: broken, appDir: app("good-4", flaskApp("good")) }), rejectsWith("CONTENT_INVALID", /02-notes\.ts/));
  });

  void it("an exception in a stage's own code throws CONTENT_INVALID, not a failed check of the app", async () => {
    const source = `export default async function stage(t) {
  await t.check("reads a field of nothing", async () => {
    const missing = undefined;
    missing.field = 1;
  });
}
`;
    const broken = withStage2("type-error", source);
    await assert.rejects(testProject({ sandbox, project: broken, appDir: app("good-5", flaskApp("good")) }), rejectsWith("CONTENT_INVALID", /02-notes\.ts.*stage 2's own code threw TypeError/s));
  });

  void it("a clean-up that fails is logged at warn with its context, and the report stands", async () => {
    const log = recordingLog();
    const leaky = altered(sandbox, {
      acquireIdentity: async () => {
        const identity = await sandbox.acquireIdentity();
        const release = async (): Promise<void> => {
          await identity.release();
          throw new Error("uid pool file is gone");
        };
        return { uid: identity.uid, release };
      },
    });
    const report = await testProject({ sandbox: leaky, project, appDir: app("good-7", flaskApp("good")), upToStage: 1, log });
    assert.equal(report.status, "pass");
    const warning = log.lines.find((line) => line.level === "warn" && /sandbox identity/.test(line.msg ?? ""));
    assert.ok(warning, JSON.stringify(log.lines));
    assert.match(String((warning.fields["err"] as Error | undefined)?.message), /uid pool file is gone/);
  });

  void it("the content check shows a broken stage as that app's problem instead of stopping", async () => {
    const broken = withStage2("type-error-check", "export default async function stage() {\n  throw new RangeError('stage bug');\n}\n");
    const onlyReference: Project = { ...broken, references: { flask: app("good-6", flaskApp("good")) }, bad: [] };
    const outcomes = await checkProject(onlyReference, sandbox);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.ok, false);
    assert.match(outcomes[0]?.problem ?? "", /the project is broken: .*02-notes\.ts.*RangeError: stage bug/);
  });
});
