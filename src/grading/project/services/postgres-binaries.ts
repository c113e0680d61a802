/**
 * Finds Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres). The grader runs its
 * own cluster with them; it never uses the machine's running server. When several major
 * versions are installed the newest one is used.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";

export const POSTGRES_INSTALL_COMMAND = "apt-get install -y postgresql";

export interface PostgresBinaries {
  /** Major version, as in /usr/lib/postgresql/<major>/bin. */
  major: number;
  initdb: string;
  pgCtl: string;
  postgres: string;
}

const DEBIAN_ROOT = "/usr/lib/postgresql";

/** The newest complete set of server binaries, or undefined when none is installed. */
export function findPostgresBinaries(root = DEBIAN_ROOT): PostgresBinaries | undefined {
  let majors: number[];
  try {
    majors = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => b - a);
  } catch (error) {
    // No /usr/lib/postgresql at all: no binaries, which the caller reports. A folder that
    // cannot be read is not "not installed": that error goes to the caller as it is.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return undefined;
  }
  for (const major of majors) {
    const bin = join(root, String(major), "bin");
    const found = { major, initdb: join(bin, "initdb"), pgCtl: join(bin, "pg_ctl"), postgres: join(bin, "postgres") };
    if (existsSync(found.initdb) && existsSync(found.pgCtl) && existsSync(found.postgres)) return found;
  }
  return undefined;
}

/** Like findPostgresBinaries, but says what to install when they are missing. */
export function requirePostgresBinaries(root = DEBIAN_ROOT): PostgresBinaries {
  const found = findPostgresBinaries(root);
  if (found === undefined) {
    throw new RoadworkError(
      "SANDBOX_UNAVAILABLE",
      `PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under ${root}/*/bin; projects that use PostgreSQL need them: ${POSTGRES_INSTALL_COMMAND}`,
    );
  }
  return found;
}
