/**
 * `roadwork doctor`: which sandbox protections this machine offers, and what to do about
 * the missing ones. Exit 0 when every essential protection is active (learner code will
 * run), 1 when one is missing (grading refuses to run), 2 when the check itself failed.
 */
import type { Command } from "commander";
import { gradingConfigFromEnv, sandboxOptions } from "../../grading-config.js";
import type { ProtectionReport } from "../../grading/sandbox/types.js";

export function register(program: Command): void {
  program
    .command("doctor")
    .description("check the sandbox protections on this machine (bubblewrap, uids, cgroups, seccomp, ...)")
    .option("--json", "print the protections as JSON")
    .action(async (options: { json?: boolean }) => {
      process.exitCode = await runDoctor(options.json === true);
    });
}

async function runDoctor(json: boolean): Promise<0 | 1 | 2> {
  const { createSandbox } = await import("../../grading/sandbox/index.js");
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  let sandbox;
  try {
    sandbox = await createSandbox({ ...sandboxOptions(gradingConfigFromEnv(process.env)), allowMissingProtections: true, freshChecks: true });
  } catch (error) {
    process.stderr.write(`roadwork doctor: the check itself failed: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const protections = await sandbox.protections();
    const missing = protections.filter((p) => p.essential && !p.active);
    const trial = missing.length === 0 ? await trialRun(sandbox) : undefined;
    if (json) {
      out(JSON.stringify({ ok: missing.length === 0, protections, trial }, null, 2));
      return missing.length === 0 ? 0 : 1;
    }
    out(`Sandbox protections (${sandbox.name}):`);
    for (const protection of protections) out(formatProtection(protection));
    out("");
    if (missing.length === 0) {
      out("All essential protections are active: learner code will run in the sandbox.");
      if (trial !== undefined) out(trial.ok ? `A test run of /usr/bin/python3 in the sandbox took ${trial.ms} ms.` : `But a test run failed: ${trial.error}`);
      return trial === undefined || trial.ok ? 0 : 1;
    }
    out(`${missing.length} essential protection(s) missing: grading refuses to run learner code until they are fixed (see above).`);
    out("For development only, ROADWORK_ALLOW_MISSING_PROTECTIONS=1 runs it anyway, less safely.");
    return 1;
  } finally {
    await sandbox.close();
  }
}

function formatProtection(p: ProtectionReport): string {
  const mark = p.active ? "active " : p.essential ? "MISSING" : "missing";
  const kind = p.essential ? "" : " (optional)";
  return `  [${mark}] ${p.name}${kind}: ${p.detail}`;
}

async function trialRun(sandbox: { run: import("../../grading/sandbox/types.js").Sandbox["run"] }): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", "print('ok')"] });
    if (result.exitCode === 0 && result.stdout.toString() === "ok\n") return { ok: true, ms: Math.round(performance.now() - started) };
    return { ok: false, error: `exit ${result.exitCode ?? result.signal}: ${result.stderr.toString().slice(0, 300)}` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
