/**
 * What the environment may tell grading, read once by the command line (for the server, as
 * part of its Config) and handed down frozen: nothing under src/grading reads process.env.
 * Plain TypeScript rather than zod: `roadwork grade` reads it on its measured fast path,
 * which does not load zod (DEVELOPERS.md, "How the command starts").
 */
import { homedir, tmpdir } from "node:os";
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
  /** ROADWORK_GRADING_PG_DIR: the folder of the grader's own PostgreSQL cluster (defaultPostgresDir). */
  readonly postgresDir: string;
}

/** Where the grading PostgreSQL cluster lives when roadwork runs as root: its own folder, beside (not inside) any platform data folder. */
export const ROOT_POSTGRES_DIR = "/var/lib/roadwork-grading-postgres";

/**
 * The cluster's folder when none is configured: a root-owned one under /var/lib as root,
 * else one per user under the temporary folder. Every folder above it must be searchable
 * by others: the server account and the app's uid walk down to the socket.
 */
export function defaultPostgresDir(): string {
  const uid = process.getuid?.() ?? 0;
  return uid === 0 ? ROOT_POSTGRES_DIR : join(tmpdir(), `roadwork-grading-postgres-${uid}`);
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
    postgresDir: nonEmpty(env.ROADWORK_GRADING_PG_DIR) ?? defaultPostgresDir(),
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
