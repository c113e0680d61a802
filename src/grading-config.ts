/**
 * What the environment may tell grading, read once by the command line (for the server, as
 * part of its Config) and handed down frozen: nothing under src/grading reads process.env.
 * Plain TypeScript rather than zod: `roadwork grade` reads it on its measured fast path,
 * which does not load zod (DEVELOPERS.md, "How the command starts").
 */
import { homedir } from "node:os";
import { join } from "node:path";

export interface GradingConfig {
  /** ROADWORK_ALLOW_MISSING_PROTECTIONS=1: grade without an essential protection (development only). */
  readonly allowMissingProtections: boolean;
  /** ROADWORK_SANDBOX_STATE: the sandbox's runtime state; by default /run/roadwork-sandbox as root. */
  readonly sandboxStateDir?: string;
  /** ROADWORK_SANDBOX_CACHE: the built seccomp filter; by default /var/cache/roadwork/seccomp as root. */
  readonly sandboxCacheDir?: string;
  /** ROADWORK_CACHE_DIR, else $XDG_CACHE_HOME/roadwork/exercises, else ~/.cache/roadwork/exercises. */
  readonly exerciseCacheDir: string;
  /** $XDG_CACHE_HOME/roadwork/projects, else ~/.cache/roadwork/projects. */
  readonly projectCacheDir: string;
}

/** The grading configuration an environment gives (ROADWORK_*, XDG_CACHE_HOME); unset means the default. */
export function gradingConfigFromEnv(env: NodeJS.ProcessEnv): GradingConfig {
  const cacheHome = nonEmpty(env.XDG_CACHE_HOME) ?? join(homedir(), ".cache");
  const state = nonEmpty(env.ROADWORK_SANDBOX_STATE);
  const cache = nonEmpty(env.ROADWORK_SANDBOX_CACHE);
  return Object.freeze({
    allowMissingProtections: env.ROADWORK_ALLOW_MISSING_PROTECTIONS === "1",
    ...(state === undefined ? {} : { sandboxStateDir: state }),
    ...(cache === undefined ? {} : { sandboxCacheDir: cache }),
    exerciseCacheDir: nonEmpty(env.ROADWORK_CACHE_DIR) ?? join(cacheHome, "roadwork", "exercises"),
    projectCacheDir: join(cacheHome, "roadwork", "projects"),
  });
}

/** The options of createSandbox that this configuration sets. */
export function sandboxOptions(config: GradingConfig): { allowMissingProtections: boolean; stateDir?: string; cacheDir?: string } {
  return {
    allowMissingProtections: config.allowMissingProtections,
    ...(config.sandboxStateDir === undefined ? {} : { stateDir: config.sandboxStateDir }),
    ...(config.sandboxCacheDir === undefined ? {} : { cacheDir: config.sandboxCacheDir }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
