/**
 * A git exercise's submission may be a zip or tar.gz of the learner's project folder, .git
 * included (a learner who zips their repository). It is read in the sandbox only, and only
 * its objects, branches, tags and HEAD are taken: hooks, a config that includes another file
 * or sets core.fsmonitor, alternates, links and paths that leave the folder never act.
 * The fixture's tests.py fails if /work/pwned (or /tmp/pwned) exists after the repository is read.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, exercise, fixture, read, summary, testNamed, theSandbox } from "./helpers.js";

after(closeSandbox);

const dir = fixture("git-readme");
const scratch = mkdtempSync(join(tmpdir(), "rw-git-archive-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };

async function grade(submission: Buffer): Promise<GradeReport> {
  return gradeSubmission(await exercise(dir), submission, { sandbox: await theSandbox() });
}

/**
 * A project folder made on the host from the fixture's trusted stream (this test's own data,
 * not a learner's), with everything hostile a learner's .git may hold.
 */
function hostileProject(stream: string, options: { packed?: boolean } = {}): string {
  const project = join(scratch, `project-${Math.random().toString(36).slice(2)}`);
  execFileSync("git", ["init", "-q", "-b", "main", project], { env });
  execFileSync("git", ["fast-import", "--quiet"], { cwd: project, env, input: stream });
  if (options.packed === true) execFileSync("git", ["-c", "core.hooksPath=/dev/null", "gc", "-q"], { cwd: project, env });
  const git = join(project, ".git");
  const sentinel = join(scratch, "host-pwned");
  for (const hook of ["reference-transaction", "post-checkout", "post-update", "pre-auto-gc"]) {
    writeFileSync(join(git, "hooks", hook), `#!/bin/sh\ntouch ${sentinel} /work/pwned /tmp/pwned\n`);
    chmodSync(join(git, "hooks", hook), 0o755);
  }
  writeFileSync(join(git, "evil.config"), "[core]\n\tfsmonitor = touch /work/pwned\n\thooksPath = hooks\n");
  execFileSync("git", ["config", "include.path", "evil.config"], { cwd: project, env });
  execFileSync("git", ["config", "core.fsmonitor", "touch /work/pwned"], { cwd: project, env });
  mkdirSync(join(git, "objects", "info"), { recursive: true });
  writeFileSync(join(git, "objects", "info", "alternates"), "/harness\n/etc\n");
  // A link that would read a file of the grader's, posing as a branch.
  symlinkSync("/etc/passwd", join(git, "refs", "heads", "from-the-host"));
  writeFileSync(join(project, "notes.txt"), "the work tree is never read\n");
  return project;
}

function tarGz(project: string): Buffer {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.tar.gz`);
  execFileSync("tar", ["-czf", file, "-C", join(project, ".."), join(project).split("/").pop() as string]);
  return readFileSync(file);
}

function zip(project: string): Buffer {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.zip`);
  // -y keeps links as links (the hostile one must arrive as a link, not as the file it names).
  execFileSync("zip", ["-q", "-r", "-y", file, "."], { cwd: project });
  return readFileSync(file);
}

describe("git exercises: a zip or tar.gz of the repository's folder", () => {
  it("passes the reference sent as a tar.gz of a hostile project folder (its folder inside), and nothing of the repository runs", async () => {
    const project = hostileProject(read(dir, "solution.fast-import"));
    const report = await grade(tarGz(project));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(testNamed(report, "test_nothing_of_the_repository_ran").status, "pass");
    assert.equal(existsSync(join(scratch, "host-pwned")), false, "a hook ran on the host");
  });

  it("passes the reference sent as a zip with .git at the top, packed objects and packed refs", async () => {
    const project = hostileProject(read(dir, "solution.fast-import"), { packed: true });
    const report = await grade(zip(project));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(existsSync(join(scratch, "host-pwned")), false, "a hook ran on the host");
  });

  it("fails the starter sent as a zip, on the checks, not on reading it", async () => {
    const report = await grade(zip(hostileProject(read(dir, "starter.fast-import"))));
    assert.equal(report.status, "fail", summary(report));
    assert.equal(testNamed(report, "test_main_has_a_readme").status, "fail");
    assert.equal(testNamed(report, "test_nothing_of_the_repository_ran").status, "pass");
  });

  it("says what to send when the archive holds no .git folder", async () => {
    const project = hostileProject(read(dir, "solution.fast-import"));
    rmSync(join(project, ".git"), { recursive: true, force: true });
    const report = await grade(zip(project));
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /the archive holds no \.git folder: zip the folder of your repository itself/);
  });

  it("refuses a repository whose objects are missing, rather than half reading it", async () => {
    const project = hostileProject(read(dir, "solution.fast-import"));
    rmSync(join(project, ".git", "objects"), { recursive: true, force: true });
    mkdirSync(join(project, ".git", "objects"));
    const report = await grade(tarGz(project));
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /your repository could not be read/);
  });
});
