/**
 * `roadwork start PROJECT`: copies the project's starter (project.yaml `starter:`, a codebase
 * to join, say) into a new folder for the learner, as the web page's download does. Nothing
 * is overwritten: a folder that exists and is not empty is refused.
 */
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { FRAMEWORKS, type Framework } from "../content/project.js";
import { RoadworkError } from "../errors.js";
import { copyAppFolder } from "../grading/project/copy-app.js";

export interface HandOutOptions {
  /** Where to put it; default ./PROJECT-ID. */
  dir?: string;
  framework?: string;
}

export interface HandedOut {
  projectId: string;
  framework: Framework;
  dir: string;
  files: number;
}

export async function handOutStarter(projectDir: string, options: HandOutOptions): Promise<HandedOut> {
  const { loadProject } = await import("../content/project.js");
  const project = loadProject(projectDir);
  const starters = project.starters ?? {};
  const offered = Object.keys(starters) as Framework[];
  if (offered.length === 0) throw new RoadworkError("BAD_INPUT", `${project.id} has no starter code: you build it from an empty folder (see its first stage)`);
  if (options.framework !== undefined && !(FRAMEWORKS as readonly string[]).includes(options.framework)) {
    throw new RoadworkError("BAD_INPUT", `--framework is one of ${FRAMEWORKS.join(", ")}, not "${options.framework}"`);
  }
  const framework = (options.framework as Framework | undefined) ?? offered[0];
  const source = framework === undefined ? undefined : starters[framework];
  if (framework === undefined || source === undefined) throw new RoadworkError("BAD_INPUT", `${project.id} hands out starter code for ${offered.join(", ")} only, not ${framework ?? "?"}`);
  const dir = resolve(options.dir ?? project.id);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new RoadworkError("BAD_INPUT", `${dir} exists and is not empty: give another --dir`);
  const copied = copyAppFolder(source, dir);
  return { projectId: project.id, framework, dir, files: copied.files };
}
