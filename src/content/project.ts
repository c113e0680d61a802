/**
 * project.yaml: the schema of a project (stages, frameworks, reference and bad apps) and its
 * loader. Every problem is a RoadworkError("CONTENT_INVALID") with the file and the line, so
 * an educator can jump straight to it; every stage's Hurl file is parsed here too, so a broken
 * stage is reported when the project loads, not when a learner first reaches it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { z } from "zod";
import { RoadworkError, isRoadworkError } from "../errors.js";
import { parseHurl, type HurlFile } from "../hurl/index.js";
import { formerlySchema } from "./schema.js";
import { describeIssue } from "./zod-issues.js";

export const FRAMEWORKS = ["flask", "fastapi", "django"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes");
const argv = z.array(z.string().min(1)).min(1);

const frameworkCommandsSchema = z
  .object({
    /** Commands run to completion before the first start (Django's migrate). */
    setup: z.array(argv).default([]),
    /** The command that starts the app; "{PORT}" is replaced by the port it must listen on. */
    start: argv,
    /**
     * How the app is served in production (several workers), for the stages that ask for it
     * (t.restartApp({ production: true })). "{PORT}" as in start; "{DJANGO_PROJECT}" is the
     * package named by DJANGO_SETTINGS_MODULE in the app's manage.py.
     */
    production: argv.optional(),
  })
  .strict();
export type FrameworkCommands = z.infer<typeof frameworkCommandsSchema>;

/** Names Hurl accepts for a variable. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** What a variable's text may use: the values roadwork gives every Hurl stage. */
export const BUILT_IN_VARIABLES = ["base_url", "run_id"] as const;

/**
 * Variables of Hurl stages (`{{host}}`, `{{uid}}`), so that a suite written for other
 * variables runs unchanged: a string may use {{base_url}} and {{run_id}}, which roadwork
 * fills in for each run (`host: "{{base_url}}/api"`, `uid: "{{run_id}}"`).
 */
const variablesSchema = z
  .record(z.string().regex(VARIABLE_NAME, "a variable name is letters, digits, _ and -"), z.union([z.string(), z.number(), z.boolean()]))
  .superRefine((variables, ctx) => {
    for (const [name, value] of Object.entries(variables)) {
      if ((BUILT_IN_VARIABLES as readonly string[]).includes(name)) ctx.addIssue({ code: "custom", path: [name], message: `${name} is given by roadwork and cannot be set` });
      if (typeof value !== "string") continue;
      for (const match of value.matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)) {
        if (!(BUILT_IN_VARIABLES as readonly string[]).includes(match[1] ?? "")) {
          ctx.addIssue({ code: "custom", path: [name], message: `{{${match[1] ?? ""}}} is not known here; a variable may use ${BUILT_IN_VARIABLES.map((b) => `{{${b}}}`).join(" and ")}` });
        }
      }
    }
  });

const stageSchema = z
  .object({
    n: z.number().int().positive(),
    slug,
    title: z.string().min(1),
    instructions: z.string().min(1),
    tests: z.string().regex(/\.(hurl|ts)$/, "a stage's tests are a .hurl or a .ts file"),
    variables: variablesSchema.optional(),
  })
  .strict();

const badAppSchema = z
  .object({
    path: z.string().min(1),
    framework: z.enum(FRAMEWORKS),
    fails_at: z.number().int().positive(),
    /** Why this app is wrong, for whoever reads the content check. */
    why: z.string().optional(),
    /**
     * The app's point is that it never starts or dies (a missing dependency, say). Without
     * it, an app whose only failure is not starting proves nothing about the stage's checks.
     */
    expect: z.literal("crash", { message: 'the only expectation is "crash"' }).optional(),
    /** A check (a Hurl entry's title, or a TypeScript check's name) of stage fails_at that must fail. */
    fails: z.string().min(1).optional(),
  })
  .strict();

/**
 * A Hurl file run before every Hurl stage (signing a test user in, say). Its captures become
 * variables of the stage; when one of its requests fails (an early stage has no users yet),
 * the captures take `defaults` instead and nothing is reported.
 */
const signInSchema = z
  .object({
    tests: z.string().regex(/\.hurl$/, "sign_in tests are a .hurl file"),
    defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  })
  .strict();

/** Bounds for the app under test, in units an educator thinks in. */
const projectLimitsSchema = z
  .object({
    boot_time_ms: z.number().int().positive().max(120_000),
    memory_mib: z.number().int().positive().max(4096),
    cpu_time_ms: z.number().int().positive().max(3_600_000),
    processes: z.number().int().positive().max(1024),
    disk_mib: z.number().int().positive().max(4096),
    upload_mib: z.number().int().positive().max(4096),
  })
  .partial()
  .strict();
export type ProjectLimits = z.infer<typeof projectLimitsSchema>;

const RESERVED_ENV = new Set(["PORT", "DATABASE_URL", "SMTP_HOST", "SMTP_PORT", "UPLOAD_DIR", "SECRET_KEY", "PATH", "HOME", "TMPDIR", "LANG", "PYTHONUNBUFFERED"]);

export const projectSchema = z
  .object({
    id: slug,
    /** Ids this project had before; see formerlySchema. */
    formerly: formerlySchema.optional(),
    title: z.string().min(1),
    step: slug.optional(),
    summary: z.string().optional(),
    frameworks: z.partialRecord(z.enum(FRAMEWORKS), frameworkCommandsSchema),
    sign_in: signInSchema.optional(),
    stages: z
      .array(stageSchema)
      .min(1)
      .superRefine((stages, ctx) => {
        stages.forEach((stage, i) => {
          if (stage.n !== i + 1) {
            ctx.addIssue({ code: "custom", path: [i, "n"], message: `stages are numbered 1, 2, 3... in order: expected ${i + 1}, found ${stage.n}` });
          }
        });
      }),
    references: z.partialRecord(z.enum(FRAMEWORKS), z.string().min(1)).default({}),
    /**
     * What a learner starts from, per framework: a folder handed out by `roadwork start
     * PROJECT` (a codebase to join, say). It must fail some stage, as an exercise's starter must.
     */
    starter: z.partialRecord(z.enum(FRAMEWORKS), z.string().min(1)).default({}),
    bad: z.array(badAppSchema).default([]),
    limits: projectLimitsSchema.default({}),
    /**
     * The database every app of the project gets (DATABASE_URL): a SQLite file (the default)
     * or a PostgreSQL database of its own on the grader's cluster. Stages that count
     * statements or EXPLAIN a query need postgresql; a learner's roadwork.yaml cannot change it.
     */
    database: z.enum(["sqlite", "postgresql"]).optional(),
    /** Variables of every Hurl stage; a stage's own variables: win over these. */
    variables: variablesSchema.default({}),
    /**
     * Extra environment for the app while it is tested (for example a lower password-hash
     * cost, as Django's own test settings use). The variables roadwork itself sets (PORT,
     * DATABASE_URL, ...) cannot be overridden.
     */
    env: z
      .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "use UPPER_CASE names"), z.string())
      .refine((env) => !Object.keys(env).some((name) => RESERVED_ENV.has(name)), { message: `these variables are set by roadwork and cannot be overridden: ${["PORT", "DATABASE_URL", "SMTP_HOST", "SMTP_PORT", "UPLOAD_DIR", "SECRET_KEY", "PATH", "HOME"].join(", ")}` })
      .default({}),
  })
  .strict();
export type ProjectConfig = z.infer<typeof projectSchema>;

export type ProjectVariables = Record<string, string | number | boolean>;

interface ProjectStageBase {
  n: number;
  slug: string;
  title: string;
  /** Absolute paths. */
  instructionsPath: string;
  testsPath: string;
  /** The project's variables with this stage's own over them (see variablesSchema); none when absent. */
  variables?: ProjectVariables;
}

/** A Hurl stage carries its file, parsed once when the project loads; a TypeScript stage is compiled when it runs. */
export type ProjectStage = ProjectStageBase & ({ kind: "hurl"; hurl: HurlFile } | { kind: "ts" });

export interface BadApp {
  /**
   * Absolute path of the app folder; for a bad app written as a patch, the reference app the
   * patch applies to.
   */
  dir: string;
  /**
   * A unified diff (a .patch file, absolute path) against the reference of the same
   * framework: the bug is the diff, which is all a reader of the content needs to see.
   */
  patch?: string;
  framework: Framework;
  failsAt: number;
  why?: string;
  /** project.yaml `expect: crash`: failing only because the app never starts (or dies) is its point. */
  expectCrash?: boolean;
  /** project.yaml `fails:`: the check of stage failsAt that must be among the failing ones. */
  fails?: string;
}

export interface Project {
  id: string;
  /** project.yaml `formerly:`, the ids it had before. */
  formerly?: string[];
  title: string;
  step?: string;
  summary?: string;
  /** The project folder and its project.yaml, absolute. */
  dir: string;
  file: string;
  frameworks: Partial<Record<Framework, FrameworkCommands>>;
  stages: ProjectStage[];
  /** Run before every Hurl stage; see signInSchema. */
  signIn?: { testsPath: string; hurl: HurlFile; defaults: Record<string, string> };
  /** Absolute paths of the reference apps. */
  references: Partial<Record<Framework, string>>;
  /** Absolute paths of the folders handed out to learners (project.yaml `starter:`); none for most projects. */
  starters?: Partial<Record<Framework, string>>;
  bad: BadApp[];
  limits: ProjectLimits;
  /** project.yaml `database:`; when absent, the app's roadwork.yaml decides (SQLite by default). */
  database?: "sqlite" | "postgresql";
  /** Extra environment for the app under test (project.yaml `env:`). */
  env: Record<string, string>;
}

/** Reads and validates DIR/project.yaml and every file it names. */
export function loadProject(dir: string): Project {
  const root = resolve(dir);
  const file = join(root, "project.yaml");
  if (!existsSync(file)) throw new RoadworkError("CONTENT_INVALID", "no project.yaml in this folder", { file });
  const source = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0].line ?? lineCounter.linePos(syntax.pos[0]).line;
    throw new RoadworkError("CONTENT_INVALID", `YAML syntax: ${firstLine(syntax.message)}`, { file, line });
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => lineAt(doc, lineCounter, path);

  const parsed = projectSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue === undefined) throw new RoadworkError("CONTENT_INVALID", "invalid project", { file });
    const { message, path } = describeIssue(issue, doc.toJS(), projectSchema);
    throw new RoadworkError("CONTENT_INVALID", message, { file, line: lineOf(path) });
  }
  const config = parsed.data;

  /** A path inside the project folder that must exist; reported at the line that names it. */
  const inside = (rel: string, kind: "file" | "folder", at: readonly PropertyKey[]): string => {
    const abs = resolve(root, rel);
    const line = lineOf(at);
    if (relative(root, abs).startsWith("..")) {
      throw new RoadworkError("CONTENT_INVALID", `${rel} is outside the project folder`, { file, line });
    }
    const stat = existsSync(abs) ? statSync(abs) : undefined;
    if (stat === undefined || (kind === "file" ? !stat.isFile() : !stat.isDirectory())) {
      throw new RoadworkError("CONTENT_INVALID", `${kind} not found: ${rel}`, { file, line });
    }
    return abs;
  };

  const stages = config.stages.map((stage, i): ProjectStage => {
    const testsPath = inside(stage.tests, "file", ["stages", i, "tests"]);
    const base = {
      n: stage.n,
      slug: stage.slug,
      title: stage.title,
      instructionsPath: inside(stage.instructions, "file", ["stages", i, "instructions"]),
      testsPath,
      variables: { ...config.variables, ...stage.variables },
    };
    return stage.tests.endsWith(".hurl") ? { ...base, kind: "hurl", hurl: loadHurl(testsPath) } : { ...base, kind: "ts" };
  });

  let signIn: Project["signIn"];
  if (config.sign_in !== undefined) {
    const testsPath = inside(config.sign_in.tests, "file", ["sign_in", "tests"]);
    signIn = { testsPath, hurl: loadHurl(testsPath), defaults: config.sign_in.defaults };
  }

  const references: Partial<Record<Framework, string>> = {};
  for (const [framework, rel] of Object.entries(config.references) as Array<[Framework, string]>) {
    if (config.frameworks[framework] === undefined) {
      throw new RoadworkError("CONTENT_INVALID", `a ${framework} reference, but no ${framework} under frameworks:`, { file, line: lineOf(["references", framework]) });
    }
    references[framework] = inside(rel, "folder", ["references", framework]);
  }

  const starters: Partial<Record<Framework, string>> = {};
  for (const [framework, rel] of Object.entries(config.starter) as Array<[Framework, string]>) {
    if (config.frameworks[framework] === undefined) {
      throw new RoadworkError("CONTENT_INVALID", `a ${framework} starter, but no ${framework} under frameworks:`, { file, line: lineOf(["starter", framework]) });
    }
    starters[framework] = inside(rel, "folder", ["starter", framework]);
  }

  const bad = config.bad.map((app, i): BadApp => {
    if (app.fails_at > stages.length) {
      throw new RoadworkError("CONTENT_INVALID", `fails_at ${app.fails_at}, but the project has ${stages.length} stages`, { file, line: lineOf(["bad", i, "fails_at"]) });
    }
    if (config.frameworks[app.framework] === undefined) {
      throw new RoadworkError("CONTENT_INVALID", `a ${app.framework} bad app, but no ${app.framework} under frameworks:`, { file, line: lineOf(["bad", i, "framework"]) });
    }
    let out: BadApp;
    if (app.path.endsWith(".patch")) {
      const reference = references[app.framework];
      if (reference === undefined) {
        throw new RoadworkError("CONTENT_INVALID", `a patch applies to the ${app.framework} reference, but references: names none`, { file, line: lineOf(["bad", i, "path"]) });
      }
      out = { dir: reference, patch: inside(app.path, "file", ["bad", i, "path"]), framework: app.framework, failsAt: app.fails_at };
    } else {
      out = { dir: inside(app.path, "folder", ["bad", i, "path"]), framework: app.framework, failsAt: app.fails_at };
    }
    if (app.why !== undefined) out.why = app.why;
    if (app.expect === "crash") out.expectCrash = true;
    if (app.fails !== undefined) {
      const stage = stages[app.fails_at - 1];
      // A Hurl stage's checks are its entries, known now: a typo is reported at its line. A
      // TypeScript stage names its checks only when it runs, so the content check finds those.
      if (stage?.kind === "hurl" && !stage.hurl.entries.some((entry) => entry.title === app.fails)) {
        const titles = stage.hurl.entries.flatMap((entry) => (entry.title === undefined ? [] : [`"${entry.title}"`]));
        throw new RoadworkError("CONTENT_INVALID", `fails: "${app.fails}" is not the title of an entry of stage ${app.fails_at} (its titles: ${titles.join(", ") || "none"})`, { file, line: lineOf(["bad", i, "fails"]) });
      }
      out.fails = app.fails;
    }
    return out;
  });

  const project: Project = {
    id: config.id,
    title: config.title,
    dir: root,
    file,
    frameworks: config.frameworks,
    stages,
    references,
    bad,
    limits: config.limits,
    env: config.env,
  };
  if (signIn !== undefined) project.signIn = signIn;
  if (Object.keys(starters).length > 0) project.starters = starters;
  if (config.database !== undefined) project.database = config.database;
  if (config.step !== undefined) project.step = config.step;
  if (config.formerly !== undefined) project.formerly = config.formerly;
  if (config.summary !== undefined) project.summary = config.summary;
  return project;
}

function loadHurl(path: string): HurlFile {
  try {
    return parseHurl(readFileSync(path, "utf8"), path);
  } catch (error) {
    if (isRoadworkError(error)) {
      if (error.file !== undefined) throw error;
      throw new RoadworkError("CONTENT_INVALID", error.message, { file: path, ...(error.line === undefined ? {} : { line: error.line }), cause: error });
    }
    throw new RoadworkError("CONTENT_INVALID", `cannot parse: ${String(error)}`, { file: path, cause: error });
  }
}

/** The line of the deepest YAML node on `path` that exists (a missing key points at its parent). */
function lineAt(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((k) => (typeof k === "symbol" ? String(k) : k));
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
