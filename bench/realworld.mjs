#!/usr/bin/env node
// The RealWorld project's own API suite (specs/api/hurl of github.com/gothinkster/realworld:
// 13 Hurl files, 154 requests) run unchanged against each reference of the conduit project,
// in the sandbox, through roadwork's project runner: one stage per file, in the order
// run-api-tests-hurl.sh runs them, every file even after one fails (as `hurl --test` does).
// The suite's {{host}} and {{uid}} come from the variables of conduit's project.yaml.
// The suite is never copied into the repository: give its path.
//
//   node bench/realworld.mjs --suite PATH [--framework flask|fastapi|django] [--runs N]
//
// PATH is the suite's folder (.../specs/api/hurl) or a checkout of the realworld repository.
// REALWORLD_SUITE works as --suite. Without either, it says how to get the suite and exits 0
// (so `npm run bench` passes on a machine without it); with a PATH that holds no suite, it
// says so and exits 2. Exit 1 when a reference fails a file. Runs the compiled code in dist/
// (npm run bench builds it first).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { IMPORTS, importTimeMs, median } from "./lib/frameworks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const HOW_TO_GET_IT =
  "Get it with `git clone --depth 1 https://github.com/gothinkster/realworld` and pass\n" +
  "  --suite realworld/specs/api/hurl (or set REALWORLD_SUITE).";

const { values: args } = parseArgs({
  options: { suite: { type: "string" }, framework: { type: "string", multiple: true }, runs: { type: "string", default: "1" } },
});
const given = args.suite ?? process.env.REALWORLD_SUITE;
if (given === undefined || given === "") {
  console.log(`bench/realworld: skipped, no RealWorld suite given.\n  ${HOW_TO_GET_IT}`);
  process.exit(0);
}
const suiteDir = findSuite(resolve(given));
if (suiteDir === undefined) {
  console.error(`bench/realworld: no RealWorld Hurl suite at ${resolve(given)} (absent, or no *.hurl files in it or in its specs/api/hurl).\n  ${HOW_TO_GET_IT}`);
  process.exit(2);
}
const files = readdirSync(suiteDir).filter((name) => name.endsWith(".hurl")).sort();

const dist = (rel) => pathToFileURL(join(root, "dist", rel)).href;
if (!existsSync(join(root, "dist", "grading", "project", "index.js"))) {
  console.error("bench/realworld: dist/ is missing; run `npm run build` first (npm run bench does)");
  process.exit(2);
}
const { loadProject, testProject } = await import(dist("grading/project/index.js"));
const { createSandbox } = await import(dist("grading/sandbox/index.js"));

const conduit = loadProject(join(root, "tracks", "python-backend", "projects", "conduit"));
const frameworks = args.framework ?? Object.keys(conduit.references);
const runs = Math.max(1, Number(args.runs));

/**
 * A scratch project (outside the repository, removed afterwards) whose stages are the
 * suite's files, with conduit's start commands, environment, limits and variables.
 */
function suiteProject() {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-realworld-"));
  mkdirSync(join(dir, "stages"));
  writeFileSync(join(dir, "README.md"), "The RealWorld API suite, one stage per file.\n");
  const stages = files.map((file, i) => {
    copyFileSync(join(suiteDir, file), join(dir, "stages", file));
    return { n: i + 1, slug: `file-${i + 1}`, title: file, instructions: "README.md", tests: `stages/${file}` };
  });
  const config = {
    id: "realworld-suite",
    title: "The RealWorld API suite",
    frameworks: conduit.frameworks,
    env: conduit.env,
    limits: conduit.limits,
    variables: conduit.stages[0]?.variables ?? {},
    stages,
  };
  // JSON is YAML.
  writeFileSync(join(dir, "project.yaml"), JSON.stringify(config, null, 2));
  return dir;
}

function findSuite(path) {
  for (const candidate of [path, join(path, "specs", "api", "hurl")]) {
    if (existsSync(candidate) && statSync(candidate).isDirectory() && readdirSync(candidate).some((name) => name.endsWith(".hurl"))) return candidate;
  }
  return undefined;
}

const scratch = suiteProject();
const sandbox = await createSandbox();
let failed = false;
try {
  const project = loadProject(scratch);
  const requests = project.stages.reduce((sum, stage) => sum + stage.hurl.entries.length, 0);
  console.log(`RealWorld suite at ${suiteDir}: ${files.length} files, ${requests} requests (unchanged; {{host}} and {{uid}} from conduit's project.yaml)\n`);
  for (const framework of frameworks) {
    const appDir = conduit.references[framework];
    if (appDir === undefined) {
      console.error(`conduit has no ${framework} reference`);
      failed = true;
      continue;
    }
    const times = [];
    let report;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      report = await testProject({ sandbox, project, appDir, keepGoing: true });
      times.push(performance.now() - started);
      if (report.status !== "pass") break;
    }
    console.log(`${framework} reference (${relative(root, appDir)}):`);
    for (const stage of project.stages) {
      const tests = report.tests.filter((test) => test.stage === stage.n);
      const passed = tests.filter((test) => test.status === "pass").length;
      const ok = tests.length === stage.hurl.entries.length && passed === tests.length;
      console.log(`  ${ok ? "pass" : "FAIL"}  ${stage.title.padEnd(28)} ${String(passed).padStart(3)}/${stage.hurl.entries.length} requests`);
      if (!ok) {
        const first = tests.find((test) => test.status !== "pass");
        if (first?.message) console.log(first.message.replace(/^/gm, "        "));
      }
    }
    const passedAll = report.status === "pass";
    if (!passedAll) failed = true;
    const imported = importTimeMs(IMPORTS[framework], 5);
    const total = report.tests.filter((test) => test.status === "pass").length;
    console.log(
      `  ${passedAll ? "every file passes" : "SOME FILES FAIL"}: ${total}/${requests} requests; ` +
        `median ${median(times).toFixed(0)} ms a run (${runs} run(s)); bare \`${IMPORTS[framework]}\` ${imported.toFixed(0)} ms (${(median(times) / imported).toFixed(1)}x)\n`,
    );
  }
} finally {
  await sandbox.close();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
