/**
 * `roadwork submit` as a learner uses it: the real server (started through the CLI, fresh
 * SQLite, real grading in the sandbox), a learner who signs up over HTTP and creates a
 * personal token, and the real CLI run as a child process against it. Checks the exit
 * codes (0 pass, 1 fail, 2 error), what the learner reads, and that the server recorded
 * the submissions for that learner.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../browser/server.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const EXERCISE_DIR = "tracks/python-backend/exercises/running-total";
const SOLUTION = join(EXERCISE_DIR, "solution.py");
const BAD = join(EXERCISE_DIR, "bad", "first_element.py");
/** first_element.py starts from numbers[0], so the empty-input tests fail, this one among them. */
const BAD_FAILS = "test_empty_list_gives_empty_list";
const PROJECT_REFERENCE = "tracks/python-backend/projects/task-tracker/reference/flask";
/** A guard against a hang (a stream that never ends), not a speed check. */
const CLI_TIMEOUT_MS = 60_000;

// Grading needs the sandbox; without it the server leaves submissions queued for ever.
const skip = await skipWithoutSandbox();

/**
 * What `roadwork grade` says locally about a file, so the expectations follow the exercise as
 * it is written today, and the server is held to the same verdict, test by test.
 */
function localVerdict(file: string): { names: string[]; failing: string[] } {
  if (skip !== false) return { names: [], failing: [] };
  const run = spawnSync(process.execPath, ["bin/roadwork.cjs", "grade", EXERCISE_DIR, file, "--json"], { encoding: "utf8", timeout: CLI_TIMEOUT_MS });
  const report = JSON.parse(run.stdout) as { tests: Array<{ name: string; status: string }> };
  return { names: report.tests.map((t) => t.name), failing: report.tests.filter((t) => t.status !== "pass").map((t) => t.name) };
}
const TEST_NAMES = localVerdict(SOLUTION).names;
const BAD_FAILING = localVerdict(BAD).failing;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/roadwork.cjs ARGS` with no ROADWORK_SERVER/ROADWORK_TOKEN leaking in from the caller. */
function runCli(args: string[]): Promise<CliRun> {
  const env = { ...process.env };
  delete env.ROADWORK_SERVER;
  delete env.ROADWORK_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/roadwork.cjs", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), CLI_TIMEOUT_MS);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Shown when an assertion fails, so the failure says what the learner would have seen. */
function shown(run: CliRun): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`;
}

/** The submission id the CLI prints in "submitted EXERCISE (ID); grading...". */
function submittedId(run: CliRun): string {
  const id = /^submitted running-total \(([^)]+)\); grading\.\.\.$/m.exec(run.stdout)?.[1];
  assert.ok(id, `the CLI names the submission it created\n${shown(run)}`);
  return id;
}

interface Session {
  userId: string;
  cookie: string;
  csrf: string;
}

async function signUp(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, name: "CLI Learner", password: "correct horse battery" }),
  });
  assert.equal(response.status, 201, `signup: ${await response.clone().text()}`);
  const body = (await response.json()) as { user: { id: string }; csrfToken: string };
  const cookie = /rw_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  assert.ok(cookie, "signup sets the session cookie");
  return { userId: body.user.id, cookie, csrf: body.csrfToken };
}

async function createToken(url: string, session: Session, name: string): Promise<{ id: string; token: string }> {
  const response = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrf },
    body: JSON.stringify({ name }),
  });
  assert.equal(response.status, 201, `create token: ${await response.clone().text()}`);
  const body = (await response.json()) as { id: string; token: string };
  assert.match(body.token, /^rw_/);
  return body;
}

interface RecordedSubmission {
  id: string;
  userId: string;
  itemKind: string;
  itemId: string;
  status: string;
  source: string;
}

async function history(url: string, session: Session, exerciseId: string): Promise<RecordedSubmission[]> {
  const response = await fetch(`${url}/api/exercises/${exerciseId}/submissions`, { headers: { cookie: session.cookie } });
  assert.equal(response.status, 200, `history: ${await response.clone().text()}`);
  return ((await response.json()) as { submissions: RecordedSubmission[] }).submissions;
}

void describe("roadwork submit against a real server", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let learner: Session;
  let token: string;
  /** Submission ids the CLI printed, in the order it created them. */
  const created: Array<{ id: string; status: string }> = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-cli-submit-"));
    server = await startServer(dataDir);
    learner = await signUp(server.url, "cli-learner@example.org");
    token = (await createToken(server.url, learner, "laptop")).token;
  });

  after(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  void it("passes the reference solution: exit 0, every test ticked, PASS", async () => {
    assert.ok(TEST_NAMES.length >= 3, `tests.py names its tests (found ${TEST_NAMES.join(", ")})`);
    const run = await runCli(["submit", "running-total", SOLUTION, "--server", server.url, "--token", token]);
    assert.equal(run.code, 0, shown(run));
    created.push({ id: submittedId(run), status: "pass" });
    for (const name of TEST_NAMES) assert.match(run.stdout, new RegExp(`^✓ ${escapeRegExp(name)}$`, "m"), `${name} is shown passing\n${shown(run)}`);
    assert.doesNotMatch(run.stdout, /✗/, shown(run));
    assert.match(run.stdout, new RegExp(`^PASS: ${TEST_NAMES.length} of ${TEST_NAMES.length} tests passed$`, "m"), shown(run));
    assert.equal(run.stderr, "", shown(run));
  });

  void it("fails a bad solution: exit 1, the failing test named with why, FAIL", async () => {
    const run = await runCli(["submit", "running-total", BAD, "--server", server.url, "--token", token]);
    assert.equal(run.code, 1, shown(run));
    created.push({ id: submittedId(run), status: "fail" });
    assert.match(run.stdout, new RegExp(`^✗ ${BAD_FAILS}$`, "m"), shown(run));
    // The reason is printed indented under the failing test: here the crash on numbers[0].
    assert.match(run.stdout, new RegExp(`^✗ ${BAD_FAILS}\\n {4}.*IndexError`, "m"), shown(run));
    assert.ok(BAD_FAILING.includes(BAD_FAILS), `graded locally, ${BAD} fails ${BAD_FAILS} too`);
    for (const name of TEST_NAMES.filter((n) => !BAD_FAILING.includes(n))) assert.match(run.stdout, new RegExp(`^✓ ${escapeRegExp(name)}$`, "m"), shown(run));
    for (const name of BAD_FAILING) assert.match(run.stdout, new RegExp(`^✗ ${escapeRegExp(name)}$`, "m"), shown(run));
    assert.match(run.stdout, new RegExp(`^FAIL: ${TEST_NAMES.length - BAD_FAILING.length} of ${TEST_NAMES.length} tests passed$`, "m"), shown(run));
  });

  void it("prints only the GradeReport as JSON with --json", async () => {
    const run = await runCli(["submit", "running-total", SOLUTION, "--server", `${server.url}/`, "--token", token, "--json"]);
    assert.equal(run.code, 0, shown(run));
    // stdout must be nothing but the report, so scripts can pipe it into a JSON parser.
    const report = JSON.parse(run.stdout) as { version: number; status: string; tests: Array<{ name: string; status: string }> };
    assert.equal(report.version, 3);
    assert.equal(report.status, "pass");
    assert.deepEqual(report.tests.map((t) => t.name).sort(), [...TEST_NAMES].sort());
    created.push({ id: "", status: "pass" });
  });

  void it("refuses a wrong token: exit 2, says the token is unknown, sends nothing", async () => {
    const run = await runCli(["submit", "running-total", SOLUTION, "--server", server.url, "--token", "rw_thisTokenWasNeverIssuedByTheServer00000"]);
    assert.equal(run.code, 2, shown(run));
    assert.match(run.stderr, /^roadwork submit: .*token is unknown or was revoked/m, shown(run));
    assert.doesNotMatch(run.stdout, /submitted/, shown(run));
    assert.doesNotMatch(run.stderr, /\n\s+at /, `no stack trace\n${shown(run)}`);
  });

  void it("refuses a revoked token the same way", async () => {
    const revoked = await createToken(server.url, learner, "old laptop");
    const deleted = await fetch(`${server.url}/api/tokens/${revoked.id}`, { method: "DELETE", headers: { cookie: learner.cookie, "x-csrf-token": learner.csrf } });
    assert.equal(deleted.status, 204);
    const run = await runCli(["submit", "running-total", SOLUTION, "--server", server.url, "--token", revoked.token]);
    assert.equal(run.code, 2, shown(run));
    assert.match(run.stderr, /token is unknown or was revoked/, shown(run));
  });

  void it("names an unknown exercise: exit 2, the id in the message", async () => {
    const run = await runCli(["submit", "no-such-exercise", SOLUTION, "--server", server.url, "--token", token]);
    assert.equal(run.code, 2, shown(run));
    assert.match(run.stderr, /^roadwork submit: .*no exercise "no-such-exercise"/m, shown(run));
    assert.doesNotMatch(run.stdout, /submitted/, shown(run));
  });

  void it("says which option is missing before contacting anyone", async () => {
    const noToken = await runCli(["submit", "running-total", SOLUTION, "--server", server.url]);
    assert.equal(noToken.code, 2, shown(noToken));
    assert.match(noToken.stderr, /--token/, shown(noToken));
    const noServer = await runCli(["submit", "running-total", SOLUTION, "--token", token]);
    assert.equal(noServer.code, 2, shown(noServer));
    assert.match(noServer.stderr, /--server/, shown(noServer));
  });

  // A project folder is packed as .tar.gz (without caches and databases) and graded stage by stage.
  void it("submits a project folder: the Flask reference passes every stage (exit 0)", async () => {
    const run = await runCli(["submit", "task-tracker", PROJECT_REFERENCE, "--server", server.url, "--token", token]);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /^packed \d+ files? from /m, shown(run));
    assert.match(run.stdout, /^PASS: /m, shown(run));
    assert.doesNotMatch(run.stdout, /✗/, shown(run));
  });

  void it("a project folder that stops at stage 4 fails (exit 1) and names the failing stage-5 check", async () => {
    const run = await runCli(["submit", "task-tracker", "tracks/python-backend/projects/task-tracker/bad/05-tasks-in-memory", "--server", server.url, "--token", token]);
    assert.equal(run.code, 1, shown(run));
    assert.match(run.stdout, /✗ stage 5/, shown(run));
  });

  void it("the server recorded exactly the graded submissions, for this learner only", async () => {
    assert.equal(created.length, 3, "the three submitting tests above ran first");
    const recorded = await history(server.url, learner, "running-total");
    // Newest first; the wrong, revoked, unknown-exercise and project attempts left nothing.
    assert.deepEqual(
      recorded.map((s) => s.status),
      created.map((c) => c.status).reverse(),
    );
    const [json, bad, good] = recorded;
    assert.equal(good?.id, created[0]?.id, "the id the CLI printed for the pass is the recorded one");
    assert.equal(bad?.id, created[1]?.id, "the id the CLI printed for the fail is the recorded one");
    assert.ok(json);
    for (const submission of recorded) {
      assert.equal(submission.userId, learner.userId);
      assert.equal(submission.itemKind, "exercise");
      assert.equal(submission.itemId, "running-total");
    }
    assert.equal(good?.source, readFileSync(SOLUTION, "utf8"), "the file was sent as it is on disk");
    assert.equal(bad?.source, readFileSync(BAD, "utf8"));

    // Another learner sees none of them.
    const other = await signUp(server.url, "someone-else@example.org");
    assert.deepEqual(await history(server.url, other, "running-total"), []);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
