import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, exercise, fixture, read, summary, testNamed, theSandbox } from "./helpers.js";

after(closeSandbox);

const dir = fixture("git-readme");
const scratch = mkdtempSync(join(tmpdir(), "rw-git-kind-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function grade(submission: string | Buffer): Promise<GradeReport> {
  return gradeSubmission(await exercise(dir), submission, { sandbox: await theSandbox() });
}

/** One more commit on top of the reference: text of a fast-import stream. */
function commitOnTop(files: Record<string, string>, branch = "main"): string {
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const lines = [`commit refs/heads/${branch}`, "mark :99", "author Eve <eve@example.com> 1700000200 +0000", "committer Eve <eve@example.com> 1700000200 +0000", data("Add a README too\n").trimEnd(), "from :2"];
  for (const [path, text] of Object.entries(files)) lines.push(`M 100644 inline ${path}`, data(text).trimEnd());
  return `${read(dir, "solution.fast-import")}${lines.join("\n")}\n\n`;
}

/** A bundle of a repository made on the host from trusted text (the fixture's own stream), with a hostile config of its own. */
function hostileBundle(stream: string): Buffer {
  const repoDir = join(scratch, `repo-${Math.random().toString(36).slice(2)}`);
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
  execFileSync("git", ["init", "-q", "-b", "main", repoDir], { env });
  execFileSync("git", ["fast-import", "--quiet"], { cwd: repoDir, env, input: stream });
  // What a learner's own .git may hold: none of it travels in a bundle, and the grader never reads it.
  const sentinel = join(scratch, "host-pwned");
  const hook = join(repoDir, ".git", "hooks", "post-checkout");
  writeFileSync(hook, `#!/bin/sh\ntouch ${sentinel} /work/pwned\n`);
  chmodSync(hook, 0o755);
  writeFileSync(join(repoDir, ".git", "evil.config"), `[core]\n\tfsmonitor = touch /work/pwned\n`);
  execFileSync("git", ["config", "include.path", "evil.config"], { cwd: repoDir, env });
  execFileSync("git", ["config", "filter.evil.smudge", "touch /work/pwned"], { cwd: repoDir, env });
  const bundle = join(scratch, `${Math.random().toString(36).slice(2)}.bundle`);
  execFileSync("git", ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "bundle", "create", "-q", bundle, "--all"], { cwd: repoDir, env });
  return readFileSync(bundle);
}

describe("git exercises", () => {
  it("passes the reference given as a fast-import stream, and as a bundle", async () => {
    const stream = await grade(read(dir, "solution.fast-import"));
    assert.equal(stream.status, "pass", summary(stream));
    assert.equal(stream.tamper_proof, true);
    const bundle = await grade(hostileBundle(read(dir, "solution.fast-import")));
    assert.equal(bundle.status, "pass", summary(bundle));
  });

  it("fails the starter, naming the check and saying what is missing", async () => {
    const report = await grade(read(dir, "starter.fast-import"));
    assert.equal(report.status, "fail", summary(report));
    assert.equal(testNamed(report, "test_main_has_a_readme").status, "fail");
    assert.match(testNamed(report, "test_main_has_a_readme").message ?? "", /README\.md is not in the last commit of main/);
  });

  it("runs nothing of the repository: hooks, a config include, fsmonitor, filter and diff drivers in .gitattributes stay inert", async () => {
    const stream = commitOnTop({
      ".gitattributes": "* filter=evil diff=evil merge=evil\n",
      ".gitconfig": "[include]\n\tpath = /etc/passwd\n[core]\n\tfsmonitor = touch /work/pwned\n\thooksPath = hooks\n",
      "hooks/post-checkout": "#!/bin/sh\ntouch /work/pwned\n",
      ".gitignore": "[core]\n",
    });
    const report = await grade(hostileBundle(stream));
    assert.equal(testNamed(report, "test_nothing_of_the_repository_ran").status, "pass", summary(report));
    assert.equal(existsSync(join(scratch, "host-pwned")), false);
  });

  it("refuses a submission over the size limit, naming the limit, before any sandbox starts", async () => {
    const huge = Buffer.concat([Buffer.from("# v2 git bundle\n"), Buffer.alloc(11 * 1024 * 1024, 0x61)]);
    const report = await grade(huge);
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /submission size limit 10 MiB reached/);
    assert.ok(report.limits_hit?.some((h) => h.message.includes("submission size limit")));
  });

  it("says how to make a bundle when the submission is not one", async () => {
    const report = await grade(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe]));
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /git bundle create repo\.bundle --all/);
  });

  it("refuses a bundle that needs commits it does not hold", async () => {
    const repoDir = join(scratch, "partial");
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
    execFileSync("git", ["init", "-q", "-b", "main", repoDir], { env });
    execFileSync("git", ["fast-import", "--quiet"], { cwd: repoDir, env, input: read(dir, "solution.fast-import") });
    execFileSync("git", ["bundle", "create", "-q", join(scratch, "partial.bundle"), "main~1..main"], { cwd: repoDir, env });
    const report = await grade(readFileSync(join(scratch, "partial.bundle")));
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /git cannot read this bundle/);
  });

  it("ignores replace refs: a learner cannot swap the commit main names", async () => {
    // refs/replace/<main> would make git show the starter's commit in place of main's.
    const sha = (() => {
      const repoDir = join(scratch, "replace");
      const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
      execFileSync("git", ["init", "-q", "-b", "main", repoDir], { env });
      execFileSync("git", ["fast-import", "--quiet"], { cwd: repoDir, env, input: read(dir, "bad/script-changed-too.fast-import") });
      return execFileSync("git", ["rev-parse", "main"], { cwd: repoDir, env, encoding: "utf8" }).trim();
    })();
    const good = read(dir, "solution.fast-import").replaceAll("commit refs/heads/main", "commit refs/heads/good");
    const stream = `${read(dir, "bad/script-changed-too.fast-import")}${good}reset refs/replace/${sha}\nfrom :2\n\n`;
    const report = await grade(stream);
    assert.equal(report.status, "fail", summary(report));
    assert.equal(testNamed(report, "test_the_readme_is_a_commit_of_its_own").status, "fail", summary(report));
  });
});
