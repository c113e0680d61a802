/**
 * Which framework a learner's app uses and how to start it: roadwork.yaml in their folder
 * says so (`framework:`, optionally `start:`/`setup:`), else we look: manage.py means Django,
 * `FastAPI(` in app.py or main.py means FastAPI, `Flask(` means Flask.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { FRAMEWORKS, type Framework, type FrameworkCommands, type Project } from "../../content/project.js";

const PYTHON = "/usr/bin/python3";

const commandSchema = z.union([z.array(z.string().min(1)).min(1), z.string().min(1).transform((s) => s.trim().split(/\s+/))]);

export const DATABASES = ["sqlite", "postgresql"] as const;
export type DatabaseKind = (typeof DATABASES)[number];

const learnerConfigSchema = z
  .object({
    framework: z.enum(FRAMEWORKS).optional(),
    start: commandSchema.optional(),
    setup: z.array(commandSchema).optional(),
    /** The database DATABASE_URL names: a SQLite file (default) or a PostgreSQL database of its own. */
    database: z.enum(DATABASES).optional(),
  })
  .strict();

export interface AppCommands extends FrameworkCommands {
  framework: Framework;
  /** Set when roadwork.yaml asks for one. */
  database?: DatabaseKind;
}

/** Reads the (copied, trusted-to-read) app folder and decides how to start it. */
export function resolveAppCommands(appDir: string, project: Project): AppCommands {
  const configPath = join(appDir, "roadwork.yaml");
  let config: z.infer<typeof learnerConfigSchema> = {};
  if (existsSync(configPath)) {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(configPath, "utf8"));
    } catch (error) {
      throw new RoadworkError("BAD_INPUT", `roadwork.yaml is not valid YAML: ${(error as Error).message.split("\n")[0] ?? ""}`, { file: "roadwork.yaml" });
    }
    const parsed = learnerConfigSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RoadworkError("BAD_INPUT", `roadwork.yaml: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`, { file: "roadwork.yaml" });
    }
    config = parsed.data;
  }
  const framework = config.framework ?? detectFramework(appDir);
  if (framework === undefined) {
    throw new RoadworkError(
      "BAD_INPUT",
      "cannot tell which framework this app uses: no manage.py (Django), and no `Flask(` or `FastAPI(` in app.py. Add a roadwork.yaml with `framework: flask` (or fastapi, django).",
    );
  }
  const builtIn = project.frameworks[framework];
  if (builtIn === undefined && config.start === undefined) {
    const offered = Object.keys(project.frameworks).join(", ");
    throw new RoadworkError("BAD_INPUT", `this project is offered in ${offered}, not ${framework}`);
  }
  const commands: AppCommands = {
    framework,
    start: pythonPath(config.start ?? builtIn?.start ?? []),
    setup: (config.setup ?? builtIn?.setup ?? []).map(pythonPath),
  };
  if (config.database !== undefined) commands.database = config.database;
  return commands;
}

export function detectFramework(appDir: string): Framework | undefined {
  if (existsSync(join(appDir, "manage.py"))) return "django";
  for (const name of ["app.py", "main.py"]) {
    const path = join(appDir, name);
    if (!existsSync(path)) continue;
    const source = readFileSync(path, "utf8");
    if (source.includes("FastAPI(")) return "fastapi";
    if (source.includes("Flask(")) return "flask";
  }
  return undefined;
}

/** A learner writes `python app.py`; inside the sandbox that must be Debian's interpreter. */
function pythonPath(argv: readonly string[]): string[] {
  const [first, ...rest] = argv;
  if (first === undefined) return [];
  if (first === "python" || first === "python3") return [PYTHON, ...rest];
  if (["flask", "uvicorn", "django-admin"].includes(first)) return [PYTHON, "-m", first === "django-admin" ? "django" : first, ...rest];
  return [first, ...rest];
}
