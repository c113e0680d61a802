/**
 * roadwork.yaml in a learner's app folder: `framework:`, `start:` and `setup:` (argv or a
 * string), `database: sqlite|postgresql`. Everything wrong with it is BAD_INPUT, named.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { FRAMEWORKS } from "../../content/project.js";

export const DATABASES = ["sqlite", "postgresql"] as const;
export type DatabaseKind = (typeof DATABASES)[number];

const commandSchema = z.union([z.array(z.string().min(1)).min(1), z.string().min(1).transform((s) => s.trim().split(/\s+/))]);

const learnerConfigSchema = z
  .object({
    framework: z.enum(FRAMEWORKS).optional(),
    start: commandSchema.optional(),
    setup: z.array(commandSchema).optional(),
    /** The database DATABASE_URL names: a SQLite file (default) or a PostgreSQL database of its own. */
    database: z.enum(DATABASES).optional(),
  })
  .strict();

export type LearnerConfig = z.infer<typeof learnerConfigSchema>;

export function readLearnerConfig(path: string): LearnerConfig {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new RoadworkError("BAD_INPUT", `roadwork.yaml is not valid YAML: ${(error as Error).message.split("\n")[0] ?? ""}`, { file: "roadwork.yaml" });
  }
  const parsed = learnerConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RoadworkError("BAD_INPUT", `roadwork.yaml: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`, { file: "roadwork.yaml" });
  }
  return parsed.data;
}
