#!/usr/bin/env node
/**
 * Imports every exercise of a checkout of exercism/python (practice and concept) into a
 * temporary folder, then grades each reference (.meta/example.py or exemplar.py) and each
 * stub (the starter) in BOTH modes, tamper-proof and compatible, and compares the verdicts
 * test by test. Compatible mode runs the tests and the solution in one process, as pytest
 * does, so a verdict that differs between the two modes is a place where tamper-proof
 * grading is not pytest's: each one is listed, marked "reported by importer" when the
 * importer said so (it chose compatible mode for the exercise, or named the difference),
 * else "UNREPORTED".
 *
 *   node scripts/exercism-check.mjs PATH-TO-exercism-python [-j 2] [--only slug,slug] [--json FILE]
 *
 * The checkout is read only at run time (nothing of it is kept in this repository): without
 * a PATH, or when PATH is not a checkout, it says so and exits 0 (skipped).
 * Exit 1 on any UNREPORTED difference, any reference failing in the mode it was imported in,
 * or any active exercise not imported.
 * Needs a built dist (npm run build) and a machine that can grade (bubblewrap).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const jobs = Math.max(1, Math.min(2, Number(option("-j") ?? 1)));
const only = option("--only")?.split(",");
const jsonOut = option("--json");
const checkout = args[0];
if (checkout === undefined || !existsSync(join(checkout, "exercises"))) {
  console.log(`skipped: no checkout of exercism/python given${checkout === undefined ? "" : ` (${checkout} has no exercises/ folder)`}; usage: node scripts/exercism-check.mjs PATH [-j 2]`);
  process.exit(0);
}

const dist = (path) => import(join(root, "dist", path));
const [{ importExercism, findExercismExercises }, { modeDifferences }, { gradeSubmission }, { createSandbox }, { gradingConfigFromEnv, sandboxOptions }, { loadExercise }] = await Promise.all([
  dist("authoring/import/index.js"),
  dist("authoring/import/exercism.js"),
  dist("grading/exercise/index.js"),
  dist("grading/sandbox/index.js"),
  dist("grading-config.js"),
  dist("content/exercise.js"),
]);

const sandbox = await createSandbox(sandboxOptions(gradingConfigFromEnv(process.env)));
// Each grading is done once: the importer grades reference and stub in both modes to settle
// the mode, and this script compares those same reports (kept by exercise, mode and source)
// rather than grading everything twice on a loaded machine. The verdicts are the real
// grader's; what is checked is what the importer made of them.
const reports = new Map();
const grade = (exercise, source) => {
  const key = JSON.stringify([exercise.config.id, exercise.config.mode, exercise.tests, source]);
  if (!reports.has(key)) reports.set(key, gradeSubmission(exercise, source, { sandbox }));
  return reports.get(key);
};
const into = await mkdtemp(join(tmpdir(), "exercism-check-"));
const MODES = ["tamper-proof", "compatible"];

let found = await findExercismExercises(join(checkout, "exercises"));
if (only !== undefined) found = found.filter((exercise) => only.includes(exercise.slug));
const active = found.filter((exercise) => exercise.status !== "deprecated");
const started = Date.now();
const results = [];

async function checkOne(exercise) {
  const summary = await importExercism(exercise.dir, { into, overwrite: true, grade });
  const outcome = summary.imported[0] ?? summary.skipped[0];
  const entry = { slug: exercise.slug, label: exercise.label, outcome, grades: {} };
  if (outcome?.status !== "imported") return entry;
  const loaded = await loadExercise(outcome.dir);
  for (const [who, source] of [["reference", loaded.solution], ["starter", loaded.starter]]) {
    entry.grades[who] = {};
    for (const mode of MODES) {
      const report = await grade({ ...loaded, config: { ...loaded.config, mode } }, source).catch((error) => ({ status: "error", message: String(error), tests: [] }));
      entry.grades[who][mode] = { status: report.status, tests: report.tests.map((t) => ({ name: t.name, status: t.status, message: (t.message ?? "").split("\n").slice(0, 3).join(" | ") })), message: report.message };
    }
  }
  return entry;
}

const queue = [...active];
let done = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let exercise = queue.shift(); exercise !== undefined; exercise = queue.shift()) {
      const entry = await checkOne(exercise);
      results.push(entry);
      done += 1;
      const o = entry.outcome;
      process.stderr.write(`[${done}/${active.length}] ${exercise.slug}: ${o?.status === "imported" ? `${o.mode}` : `skipped (${o?.reason})`}\n`);
    }
  }),
);
await sandbox.close();
await rm(into, { recursive: true, force: true });
results.sort((a, b) => a.label.localeCompare(b.label));

const imported = results.filter((r) => r.outcome?.status === "imported");
const notImported = results.filter((r) => r.outcome?.status !== "imported");
const lines = [];
lines.push(`Exercism checkout: ${resolve(checkout)}`);
lines.push(`exercises found: ${found.length} (${found.length - active.length} deprecated, not counted)`);
lines.push(`imported ${imported.length} of ${active.length} active exercises`);
for (const r of notImported) lines.push(`  NOT IMPORTED ${r.label}: ${r.outcome?.reason ?? "no outcome"}`);
const modeCount = (mode) => imported.filter((r) => r.outcome.mode === mode).length;
lines.push(`modes chosen by the importer: ${modeCount("tamper-proof")} tamper-proof, ${modeCount("compatible")} compatible`);
let failingReferences = 0;
for (const mode of MODES) {
  const passing = imported.filter((r) => r.grades.reference[mode].status === "pass").length;
  const failing = imported.filter((r) => r.grades.starter[mode].status !== "pass").length;
  lines.push(`${mode}: references passing ${passing} of ${imported.length}; starters failing ${failing} of ${imported.length}`);
}
for (const r of imported) {
  const inMode = r.grades.reference[r.outcome.mode];
  if (inMode.status !== "pass") {
    failingReferences += 1;
    lines.push(`  REFERENCE FAILS ${r.slug} in ${r.outcome.mode} mode (the mode it was imported in): ${inMode.message ?? ""}`);
  }
}
const skippedTests = imported.flatMap((r) => r.grades.reference[r.outcome.mode].tests.filter((t) => t.status === "skip").map((t) => `${r.slug}: ${t.name}`));
lines.push(`tests reported as skipped (reference, mode imported in): ${skippedTests.length}${skippedTests.length > 0 ? ` (${skippedTests.join("; ")})` : ""}`);
let unreported = 0;
let reported = 0;
let turned = 0;
lines.push("verdicts that differ between the modes:");
for (const r of imported) {
  for (const who of ["reference", "starter"]) {
    for (const d of modeDifferences(r.grades[who])) {
      // Reported: the importer named this difference, or made the exercise compatible (so
      // the tamper-proof verdict is never the one a learner gets) for reasons it printed.
      const importerSaid = r.outcome.modeDifferences.includes(`${who}: ${d}`) || r.outcome.mode === "compatible";
      if (/ passes tamper-proof, (fails|is skipped|is not run \(fails)/.test(d)) turned += 1;
      if (importerSaid) reported += 1;
      else unreported += 1;
      const why = r.grades[who]["tamper-proof"].tests.find((t) => d.startsWith(`${t.name} `) && t.status !== "pass")?.message ?? r.grades[who].compatible.tests.find((t) => d.startsWith(`${t.name} `) && t.status !== "pass")?.message ?? "";
      lines.push(`  ${importerSaid ? "reported by importer" : "UNREPORTED"}: ${r.slug} ${who}: ${d}${why ? ` (${why.slice(0, 160)})` : ""}`);
    }
  }
}
lines.push(`differences: ${reported + unreported} (${reported} reported by importer, ${unreported} UNREPORTED)`);
lines.push(`of which tamper-proof passes a test that compatible mode (pytest's way) fails, a fail turned into a pass: ${turned}`);
lines.push(`took ${Math.round((Date.now() - started) / 1000)} s with -j ${jobs}`);
console.log(lines.join("\n"));
if (jsonOut !== undefined) await writeFile(jsonOut, JSON.stringify(results, null, 2));
// The floor is the whole track: an active exercise not imported (its reference failing in
// both modes, most often) fails the check too.
process.exit(unreported > 0 || failingReferences > 0 || notImported.length > 0 ? 1 : 0);
