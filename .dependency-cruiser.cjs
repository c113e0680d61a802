/**
 * What each folder of src/ may import, and no import cycle anywhere (type-only imports
 * count: a cycle of types is still two modules that cannot be read apart). The table below
 * is the one docs/architecture.md shows; test/architecture/imports.test.ts runs
 * dependency-cruiser with these rules over src/ and checks the documentation against the
 * table. Run it by hand: npx depcruise src --config .dependency-cruiser.cjs
 *
 * The tree is the data flow, bottom up: http and hurl (libraries that know nothing of
 * roadwork), content (the track model), grading (a submission in, a GradeReport out),
 * authoring (what educators run: content check, import, scaffolding), archive (a learner's
 * upload, read and unpacked safely), worker (a grading job in, a verdict or a typed failure
 * out), store, queue, server, cli. Nothing reaches back up. Every folder but web may import the shared files
 * directly in src/ (errors, log, config...), which import nothing of the folders.
 */

/** Folder (under src/) -> the folders it may import besides itself. */
const MAY_IMPORT = {
  http: [],
  hurl: ["http"],
  content: ["hurl"],
  grading: ["content", "hurl", "http"],
  authoring: ["content", "grading"],
  archive: [],
  // gradeJob unpacks a stored upload with the same checks as at upload: hence archive, which
  // the server's upload route shares, and not the server itself.
  worker: ["archive", "content", "grading"],
  store: ["grading/report"],
  queue: ["store", "grading/report", "worker"],
  server: ["archive", "content", "grading", "queue", "store", "worker"],
  cli: ["authoring", "content", "grading", "hurl", "http", "queue", "server", "store", "worker"],
  web: [],
};

/** Inside grading (on top of the rule for grading): the folders of grading/ each may import. */
const GRADING_MAY_IMPORT = {
  "grading/sandbox": ["grading/report"],
  "grading/explain": ["grading/report"],
  // The PostgreSQL cluster of project apps (grading/project/services) also serves SQL
  // exercises, so exercise may import project, never the other way.
  // A project stage may run the learner's pytest tests (t.pytest, t.checkLearnerTests) with
  // the runner of tests exercises: those two files only, which import nothing of project.
  "grading/project": ["grading/report", "grading/sandbox", "grading/explain", "grading/exercise/pytest"],
};

/** "grading/report" names the GradeReport contract: src/grading/report.ts and report-values.ts. */
function targetPattern(name) {
  if (name === "grading/report") return "^src/grading/report[^/]*\\.ts$";
  // The pytest runner of tests exercises and the verdict it builds (see GRADING_MAY_IMPORT).
  if (name === "grading/exercise/pytest") return "^src/grading/exercise/(pytest-run|tests-verdict)\\.ts$";
  return `^src/${name}/`;
}

const SHARED_FILES = "^src/[^/]+\\.ts$";

/** `within`: the part of src/ the rule speaks of ("src" for the top folders, "src/grading" inside grading). */
function folderRule(from, allowed, within) {
  const own = `^src/${from}/`;
  const shared = within === "src" && from !== "web";
  const may = [own, ...allowed.map(targetPattern), ...(shared ? [SHARED_FILES] : [])];
  const names = [...allowed.map((a) => `src/${a}`), ...(shared ? ["the shared files in src/"] : [])];
  return {
    name: `${from.replace("/", "-")}-imports`,
    severity: "error",
    comment: `of ${within}/, src/${from} may import only ${names.join(", ") || "itself"} (docs/architecture.md)`,
    from: { path: own },
    to: { path: `^${within}/`, pathNot: may },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "an import cycle: move what both sides need into a module of its own (docs/architecture.md)",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-files-import-no-folder",
      severity: "error",
      comment: "the shared files directly in src/ import nothing of the folders (docs/architecture.md)",
      from: { path: SHARED_FILES },
      to: { path: "^src/", pathNot: SHARED_FILES },
    },
    ...Object.entries(MAY_IMPORT).map(([from, allowed]) => folderRule(from, allowed, "src")),
    ...Object.entries(GRADING_MAY_IMPORT).map(([from, allowed]) => folderRule(from, allowed, "src/grading")),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/web/dist(-pyodide)?/" },
    // Type-only imports are dependencies too (see the top of this file).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require("node:path").join(__dirname, "tsconfig.json") },
    moduleSystems: ["es6", "cjs"],
  },
};

// For the test that holds docs/architecture.md to this table; not enumerable, because
// dependency-cruiser refuses a configuration with keys of its own.
Object.defineProperty(module.exports, "MAY_IMPORT", { value: MAY_IMPORT, enumerable: false });
