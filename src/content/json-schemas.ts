/**
 * JSON Schemas of the content files, generated from the zod schemas the loader validates with
 * (so the two cannot drift), with a description on every field so that an editor with the
 * YAML language server completes and explains them. Draft 7: the draft editors know best.
 * Refinements zod cannot express (stage numbering, reserved variables) stay the loader's job.
 */
import { z } from "zod";
import { projectSchema } from "./project.js";
import { exerciseSchema, programCasesSchema, sqlCasesSchema, trackSchema } from "./schema.js";

type Json = Record<string, unknown>;

const LIMITS: Record<string, string> = {
  "limits.wall_time_ms": "Wall-clock time of one run, in ms (default 10000).",
  "limits.cpu_time_ms": "CPU time of every process of the run together, in ms (default 5000).",
  "limits.memory_mib": "Memory of every process of the run together, in MiB (default 256).",
  "limits.processes": "Processes and threads alive at once (default 64).",
  "limits.file_size_kib": "The largest file the code may write, in KiB (default 16384).",
  "limits.disk_mib": "The private /work + /tmp + /dev/shm together, in MiB (default 64).",
  "limits.open_files": "Open file descriptors per process (default 256).",
  "limits.output_kib": "stdout and stderr, each, in KiB (default 1024); the run is stopped past it.",
};

/** File name -> the zod schema, a title, and a description per field (dotted path; list items and map values add no segment). */
const FILES = {
  "track.schema.json": {
    schema: trackSchema,
    title: "roadwork track.yaml",
    fields: {
      id: "The track's slug: lowercase letters, digits and dashes.",
      formerly: "Ids this track had before: cohorts made under them follow the track.",
      title: "The track's name, shown to learners.",
      description: "A paragraph about the track.",
      steps: "The roadmap, in order.",
      "steps.id": "The step's slug, unique in the track.",
      "steps.title": "Shown on the roadmap.",
      "steps.summary": "One line under the title.",
      "steps.lesson": "A Markdown file, relative to the track folder (lessons/NAME.md).",
      "steps.requires": "Step ids that must be done before this one opens.",
      "steps.exercises": "Exercise slugs (folders under exercises/), in the order a learner meets them.",
      "steps.projects": "Project slugs (folders under projects/), in the order a learner meets them.",
    },
  },
  "exercise.schema.json": {
    schema: exerciseSchema,
    title: "roadwork exercise.yaml",
    fields: {
      id: "The exercise's slug; must equal its folder's name.",
      formerly: "Ids this exercise had before (a rename): learners' submissions, drafts, reviews and published solutions under them count under the current id.",
      title: "Shown to learners.",
      step: "The step of track.yaml that lists this exercise.",
      kind: "function (tests.py), program (cases.yaml), sql (schema.sql, cases.yaml) or tests (subject.py, mutants/).",
      difficulty: "1 (easiest) to 5.",
      limits: "Bounds of one grading; set only the ones this exercise needs.",
      ...LIMITS,
      mode: "function exercises: tamper-proof (default; the solution in its own sandboxed process) or compatible (one process, for tests that need object identity).",
      unchanged_arguments: "function exercises in tamper-proof mode: a call that changes a list, dict or set it was given fails the test that made it, naming the argument and what it became (arguments reach the solution as copies, so a test cannot see the change otherwise).",
      module: "tests exercises: the module name of the code under test (default subject); the learner's file is test_<module>.py.",
      ordered: "sql exercises: the rows must come back in the reference's order (default false).",
      engine: "sql exercises: the database the query runs on, sqlite (default) or postgresql (a fresh database on the grading PostgreSQL cluster).",
      checks: "sql exercises on PostgreSQL: query (default; one query, rows compared with the reference's) or ddl (the learner writes the schema: CREATE TABLE, constraints, CREATE INDEX; each case is an accept, reject or explain check).",
      support_files: "function exercises: files beside tests.py (data modules, test helpers) that the tests and the solution may import or read; each grading gets its own read-only copy, and in tamper-proof mode the tests' copy is out of the solution's reach.",
      source: "Where the exercise came from (exercism/python for imports).",
      skills: "The roadmap skills the exercise trains.",
      hints: "1 to 3 hints (Markdown), shown one at a time after a learner's first attempt.",
    },
  },
  "program-cases.schema.json": {
    schema: programCasesSchema,
    title: "roadwork cases.yaml of a program exercise",
    fields: {
      name: "The case's name, shown to the learner when it fails.",
      stdin: "Text sent on standard input (default empty). Use double quotes so that \\n is a newline.",
      args: "Command-line arguments.",
      stdout: "The exact expected standard output, newlines included.",
      exit_code: "The expected exit status (default 0).",
      stderr_contains: "Text standard error must contain (each of them, when a list).",
      stderr_matches: "A regular expression (JavaScript syntax) standard error must match somewhere.",
      files: "Files created next to solution.py before it runs: name -> text.",
    },
  },
  "sql-cases.schema.json": {
    schema: sqlCasesSchema,
    title: "roadwork cases.yaml of an sql exercise",
    fields: {
      name: "The case's name, shown to the learner when it fails.",
      data: "SQL run after schema.sql, before the query: the rows this case is about.",
      ordered: "Overrides the exercise's ordered for this case.",
      accept: "checks: ddl only: SQL that must succeed on the learner's schema (a good row).",
      reject: "checks: ddl only: SQL the learner's constraints must refuse with an integrity constraint violation (NOT NULL, CHECK, UNIQUE, FOREIGN KEY).",
      explain: "checks: ddl only: a query whose plan (EXPLAIN) must use an index to find its rows.",
    },
  },
  "project.schema.json": {
    schema: projectSchema,
    title: "roadwork project.yaml",
    fields: {
      id: "The project's slug; must equal its folder's name.",
      formerly: "Ids this project had before (a rename): learners' submissions, reviews and pushed repositories under them count under the current id.",
      title: "Shown to learners.",
      step: "The step of track.yaml that lists this project.",
      summary: "A paragraph about the project.",
      frameworks: "The frameworks a learner may use (flask, fastapi, django) and how to start an app of each.",
      "frameworks.setup": "Commands run to completion before the first start (Django's migrate).",
      "frameworks.start": "The command that starts the app; {PORT} is replaced by the port it must listen on.",
      "frameworks.production": "How stages that ask for production serve the app (several workers); {PORT} as in start, {DJANGO_PROJECT} is the package manage.py names in DJANGO_SETTINGS_MODULE.",
      sign_in: "A Hurl file run before every Hurl stage (signing a test user in); its captures become variables.",
      "sign_in.tests": "The .hurl file, relative to the project folder.",
      "sign_in.defaults": "Values of the captures when a request of sign_in fails (an early stage has no users yet).",
      stages: "The stages, numbered 1, 2, 3... in order.",
      "stages.n": "The stage's number: 1 for the first, then 2, 3...",
      "stages.slug": "The stage's slug.",
      "stages.title": "Shown to learners.",
      "stages.instructions": "A Markdown file, relative to the project folder.",
      "stages.tests": "A .hurl or .ts file, relative to the project folder.",
      "stages.variables": "Variables of this stage's Hurl file, over the project's own.",
      references: "The reference app of each framework: a folder, relative to the project folder. Each must pass every stage.",
      starter: "The code handed out to learners, per framework: a folder relative to the project folder, copied by `roadwork start PROJECT` and offered for download on the project page (a codebase to join, say). It must fail some stage.",
      bad: "Bad apps: each must pass every stage before fails_at and fail at fails_at.",
      "bad.path": "A folder, or a .patch against the reference of framework.",
      "bad.framework": "The framework of this bad app.",
      "bad.fails_at": "The stage that must catch the mistake.",
      "bad.why": "What is wrong with this app, for whoever reads the content check.",
      "bad.expect": "crash: the app's point is that it never starts or dies (a missing dependency, say); without it, an app that fails only by not starting is refused.",
      "bad.fails": "A check of stage fails_at (a Hurl entry's title, or a TypeScript check's name) that must be among the failing ones.",
      database: "The database every app gets: sqlite (a file, the default) or postgresql (a database of its own on the grading cluster; needed by t.countStatements and t.explain). A learner's roadwork.yaml cannot change it.",
      limits: "Bounds for the app under test.",
      "limits.boot_time_ms": "Time the app has to start listening, in ms.",
      "limits.memory_mib": "Memory of the app's processes together, in MiB.",
      "limits.cpu_time_ms": "CPU time of the app's processes together, in ms.",
      "limits.processes": "Processes and threads alive at once.",
      "limits.disk_mib": "The app's private disk, in MiB.",
      "limits.upload_mib": "The largest upload a stage may send, in MiB.",
      variables: "Variables of every Hurl stage; may use {{base_url}} and {{run_id}}.",
      env: "Extra environment for the app while it is tested (UPPER_CASE names; roadwork's own, such as PORT, cannot be set).",
    },
  },
} as const satisfies Record<string, { schema: z.ZodType; title: string; fields: Record<string, string> }>;

export type SchemaFileName = keyof typeof FILES;
export const SCHEMA_FILES = Object.keys(FILES) as SchemaFileName[];

/** Every JSON Schema, by file name. Throws when a field has no description (a new field must get one). */
export function jsonSchemas(): Record<SchemaFileName, Json> {
  const out = {} as Record<SchemaFileName, Json>;
  for (const name of SCHEMA_FILES) {
    const { schema, title, fields } = FILES[name];
    const json = z.toJSONSchema(schema, { io: "input", target: "draft-7", unrepresentable: "any" }) as Json;
    const missing: string[] = [];
    describeFields(json, "", fields, missing);
    if (missing.length > 0) throw new Error(`${name}: no description for ${missing.join(", ")} (add them in src/content/json-schemas.ts)`);
    out[name] = { $id: `https://roadwork.dev/schemas/${name}`, title, ...json };
  }
  return out;
}

function describeFields(node: unknown, path: string, fields: Record<string, string>, missing: string[]): void {
  if (typeof node !== "object" || node === null) return;
  const schema = node as Json;
  const properties = schema["properties"] as Record<string, Json> | undefined;
  if (properties !== undefined) {
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path === "" ? key : `${path}.${key}`;
      const text = fields[childPath];
      if (text === undefined) missing.push(childPath);
      else child["description"] = text;
      describeFields(child, childPath, fields, missing);
    }
  }
  // List items and map values belong to the field that holds them.
  for (const key of ["items", "additionalProperties"] as const) describeFields(schema[key], path, fields, missing);
  for (const branch of (schema["anyOf"] as unknown[] | undefined) ?? []) describeFields(branch, path, fields, missing);
}
