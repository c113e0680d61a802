/**
 * Which framework a learner's app uses and how to start it: roadwork.yaml in their folder
 * says so (`framework:`, optionally `start:`/`setup:`), else we look: manage.py means Django,
 * `FastAPI(` in app.py or main.py means FastAPI, `Flask(` means Flask.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../errors.js";
import type { Framework, FrameworkCommands, Project } from "../../content/project.js";

const PYTHON = "/usr/bin/python3";

export type { DatabaseKind } from "./learner-config.js";
import type { DatabaseKind } from "./learner-config.js";

export interface AppCommands extends FrameworkCommands {
  framework: Framework;
  /** project.yaml's production command, "{DJANGO_PROJECT}" filled in from manage.py. */
  production?: string[];
  /** Set when roadwork.yaml asks for one. */
  database?: DatabaseKind;
}

/**
 * Reads the (copied, trusted-to-read) app folder and decides how to start it. roadwork.yaml
 * is read by ./learner-config.ts, loaded only when there is one: its YAML parser and zod
 * cost a start of `roadwork test` tens of milliseconds.
 */
export async function resolveAppCommands(appDir: string, project: Project): Promise<AppCommands> {
  const configPath = join(appDir, "roadwork.yaml");
  const config = existsSync(configPath) ? (await import("./learner-config.js")).readLearnerConfig(configPath) : {};
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
  if (builtIn?.production !== undefined) commands.production = fillDjangoProject(builtIn.production, appDir);
  return commands;
}

/**
 * "{DJANGO_PROJECT}" is the package of the settings manage.py names (`tracker` for
 * "tracker.settings"), where Django's startproject put wsgi.py. Read as text, never run.
 */
export function fillDjangoProject(argv: readonly string[], appDir: string): string[] {
  if (!argv.some((arg) => arg.includes("{DJANGO_PROJECT}"))) return [...argv];
  const managePath = join(appDir, "manage.py");
  const manage = existsSync(managePath) ? readFileSync(managePath, "utf8") : "";
  const found = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][\w.]*)\.settings["']/.exec(manage)?.[1];
  return argv.map((arg) => arg.replaceAll("{DJANGO_PROJECT}", found ?? "project"));
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
