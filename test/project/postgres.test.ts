/**
 * `database: postgresql` in a project: the app gets a database of its own on the grader's
 * cluster (never the machine's server at :5432), sees the socket folder at /run/postgresql
 * before it starts (so it may connect at import), t.query reads it, and it is dropped
 * after the run, also when the run fails. Needs Debian's PostgreSQL server binaries.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { graderPostgres, numberedPlaceholders } from "../../src/grading/project/app-postgres.js";
import { defaultPostgresDir, gradingConfigFromEnv, ROOT_POSTGRES_DIR } from "../../src/grading-config.js";
import { findPostgresBinaries, POSTGRES_INSTALL_COMMAND } from "../../src/grading/project/services/postgres.js";
import { loadProject, testProject } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { silentLog } from "../../src/log.js";
import { flaskPostgresApp, PROJECT_FILES, PROJECT_YAML, STAGE_API, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const TASK_TRACKER = fileURLToPath(new URL("../../tracks/python-backend/projects/task-tracker", import.meta.url));
const skip = findPostgresBinaries() === undefined ? `Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND})` : false;

void describe("where the grading cluster lives", () => {
  void it("is the folder ROADWORK_GRADING_PG_DIR names, else a root-owned one under /var/lib as root, else one per user in the temporary folder", () => {
    assert.equal(gradingConfigFromEnv({ ROADWORK_GRADING_PG_DIR: "/srv/pg" }).postgresDir, "/srv/pg");
    const uid = process.getuid?.() ?? 0;
    assert.equal(defaultPostgresDir(), uid === 0 ? ROOT_POSTGRES_DIR : join(tmpdir(), `roadwork-grading-postgres-${uid}`));
    assert.equal(gradingConfigFromEnv({}).postgresDir, defaultPostgresDir());
  });

  void it("turns ? placeholders into $n, but not inside quotes", () => {
    assert.equal(numberedPlaceholders("SELECT '?' AS q, x FROM t WHERE a = ? AND b = ?"), "SELECT '?' AS q, x FROM t WHERE a = $1 AND b = $2");
  });
});

void describe("testProject with database: postgresql", { skip }, () => {
  const dir = tempDir("pg-project");
  let sandbox: Sandbox;
  let clusterRoot: string;
  before(async () => {
    // A cluster of this test's own, so that it never touches a grader's.
    clusterRoot = mkdtempSync(join(tmpdir(), "roadwork-pg-project-"));
    chmodSync(clusterRoot, 0o711);
    clusterDir = join(clusterRoot, "cluster");
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    await (await graderPostgres(silentLog, clusterDir).catch(() => undefined))?.stop();
    rmSync(clusterRoot, { recursive: true, force: true });
    dir.remove();
  });

  void it("gives the app a database on the grader's cluster through the socket folder, reads it with t.query, keeps it across restarts and drops it after", async () => {
    const project = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    const report = await testProject({ sandbox, postgresDir: clusterDir, project, appDir: writeTree(join(dir.path, "app"), flaskPostgresApp()) });
    assert.equal(report.status, "pass", report.tests.map((t) => t.message ?? "").join("\n"));
    const cluster = await graderPostgres(silentLog, clusterDir);
    assert.equal(cluster.dir, join(clusterRoot, "cluster"), "the run used the cluster it was given");
    assert.deepEqual(await runDatabases(), [], "the run's database and role must be dropped");
  });

  void it("with database: postgresql in project.yaml, counts a request's statements (pg_stat_statements) and EXPLAINs as the app's role", async () => {
    const stage = `import type { StageContext } from ${JSON.stringify(STAGE_API)};
export default async function stage(t: StageContext): Promise<void> {
  await t.request({ method: "POST", path: "/notes", json: { text: "a" } });
  await t.request({ method: "GET", path: "/notes/1" });
  const read = await t.countStatements(() => t.request({ method: "GET", path: "/notes/1" }));
  const three = await t.countStatements(async () => { for (let i = 0; i < 3; i++) await t.request({ method: "POST", path: "/notes", json: { text: "b" } }); });
  const none = await t.countStatements(() => t.request({ method: "GET", path: "/health" }));
  const byId = await t.explain("SELECT text FROM notes WHERE id = ?", [1], { seqscan: false });
  const byText = await t.explain("SELECT id FROM notes WHERE text = 'x'", [], { seqscan: false });
  t.fail("RESULT " + JSON.stringify({ read: read.count, readStatements: read.statements, three: three.count, none: none.count, byId: byId.indexesUsed, byText: byText.seqScans }));
}
`;
    const files = { ...PROJECT_FILES, "project.yaml": `${PROJECT_YAML}database: postgresql\n`, "stages/02-notes.ts": stage };
    const project = loadProject(writeTree(join(dir.path, "notes-counted"), files));
    const app = flaskPostgresApp();
    delete app["roadwork.yaml"];
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "counted"), app) });
    const message = report.tests.find((test) => test.status === "fail")?.message ?? "";
    const result = JSON.parse(/RESULT (\{.*\})/.exec(message)?.[1] ?? "null") as Record<string, unknown> | null;
    assert.ok(result !== null, message);
    assert.equal(result.read, 1);
    assert.match(JSON.stringify(result.readStatements), /SELECT text FROM notes WHERE id = \$1/);
    assert.equal(result.three, 3);
    assert.equal(result.none, 0);
    assert.deepEqual(result.byId, ["notes_pkey"]);
    assert.deepEqual(result.byText, ["notes"]);
  });

  void it("names the memory limit when the app's database session passes it, however much work_mem it sets", async () => {
    const base = loadProject(writeTree(join(dir.path, "notes-hungry"), PROJECT_FILES));
    const project = { ...base, limits: { ...base.limits, memory_mib: 128 } };
    const app = flaskPostgresApp();
    app["app.py"] = (app["app.py"] ?? "").replace(
      'def health():\n',
      'def health():\n    with conn.cursor() as cur:\n        cur.execute("SET work_mem = \'2GB\'")\n        cur.execute("SELECT count(*) FROM (SELECT DISTINCT g FROM generate_series(1, 40000000) g) s")\n',
    );
    const report = await testProject({ sandbox, postgresDir: clusterDir, project, appDir: writeTree(join(dir.path, "hungry"), app), upToStage: 1 });
    assert.equal(report.status, "fail", JSON.stringify(report, null, 2));
    assert.match(report.limits_hit?.find((hit) => hit.limit === "memory")?.message ?? "", /memory limit 128 MiB reached by the app's PostgreSQL sessions/);
    assert.match(report.tests[0]?.message ?? "", /A limit was reached: memory limit 128 MiB reached by the app's PostgreSQL sessions/);
  });

  void it("drops the run's database when the app fails too", async () => {
    const project = loadProject(writeTree(join(dir.path, "notes-failing"), PROJECT_FILES));
    const app = flaskPostgresApp();
    app["app.py"] = `${app["app.py"] ?? ""}\nraise SystemExit("broken on purpose")\n`;
    const report = await testProject({ sandbox, postgresDir: clusterDir, project, appDir: writeTree(join(dir.path, "broken"), app) });
    assert.equal(report.status, "fail");
    assert.deepEqual(await runDatabases(), []);
  });

  void it("gives the app the socket-folder DATABASE_URL and no superuser", async () => {
    const project = loadProject(writeTree(join(dir.path, "notes-env"), PROJECT_FILES));
    const app = flaskPostgresApp();
    // Fails stage 1 on purpose, with what the app saw in its log.
    app["app.py"] = `${app["app.py"] ?? ""}
with conn.cursor() as cur:
    # pg_roles lists every run's role, so it is closed to runs; the session says it itself.
    cur.execute("SELECT current_setting('is_superuser') = 'on'")
    print("URL", os.environ["DATABASE_URL"].split("@", 1)[1], "SUPER", cur.fetchone()[0], flush=True)
raise SystemExit(3)
`;
    const report = await testProject({ sandbox, postgresDir: clusterDir, project, appDir: writeTree(join(dir.path, "env"), app) });
    const text = report.tests.map((t) => t.message ?? "").join("\n");
    assert.match(text, /URL \/rw_[0-9a-f]{16}\?host=\/run\/postgresql SUPER False/);
  });

  void it("passes the task-tracker's Django reference on every stage with PostgreSQL (its settings read ?host=)", async (t) => {
    if (!existsSync(join(TASK_TRACKER, "project.yaml"))) return t.skip(`the task-tracker project is not in ${TASK_TRACKER}`);
    const project = loadProject(TASK_TRACKER);
    const django = project.references.django;
    if (django === undefined) return t.skip("no Django reference in the task-tracker's project.yaml");
    const report = await testProject({ sandbox, postgresDir: clusterDir, project, appDir: django, database: "postgresql" });
    const failed = report.tests.filter((test) => test.status !== "pass");
    assert.equal(report.status, "pass", `${report.message ?? ""}\n${failed.map((f) => f.message).join("\n\n")}`);
    assert.equal(report.stage, project.stages.length);
    assert.deepEqual(await runDatabases(), []);
  });
});

/** The test's own cluster (set before its suite runs). */
let clusterDir = "";

async function runDatabases(): Promise<string[]> {
  const cluster = await graderPostgres(silentLog, clusterDir);
  const { rows } = await cluster.admin.query<{ name: string }>(
    "SELECT datname AS name FROM pg_database WHERE datname LIKE 'rw\\_%' UNION SELECT rolname FROM pg_roles WHERE rolname LIKE 'rw\\_%'",
  );
  return rows.map((row) => row.name);
}
