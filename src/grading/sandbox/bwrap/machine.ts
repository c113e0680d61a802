/**
 * What this machine offers the sandbox, found out once per process and state folder:
 * prepares the host folders (sweeping a dead process's leftovers), the shared /etc, the
 * cgroup driver and the seccomp filter, and tries each protection for real.
 */
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ProtectionReport } from "../types.js";
import { JOIN_CGROUPS_SCRIPT } from "./argv.js";
import { detectCgroups } from "./cgroups.js";
import type { CgroupDriver } from "./cgroups.js";
import { buildSharedEtc } from "./etc-files.js";
import { ensureHostPaths } from "./host-paths.js";
import type { HostPaths } from "./host-paths.js";
import { Mounter } from "./mounter.js";
import { checkProtections } from "./protections.js";
import { ensureSeccompFilter } from "./seccomp.js";
import { sweepCgroups, sweepLeftovers } from "./sweep.js";
import type { UidPool } from "./uid-pool.js";

const exec = promisify(execFile);

export interface MachineState {
  paths: HostPaths;
  /** Root: per-run uids and tmpfs. Otherwise runs are ours, in plain folders (allowMissingProtections only). */
  isRoot: boolean;
  /** This process's shared /etc folder (see etc-files.ts). */
  sharedEtc: string;
  mounter: Mounter | undefined;
  cgroups: CgroupDriver | undefined;
  seccompPath: string | undefined;
  protections: ProtectionReport[];
  /** bubblewrap can size a tmpfs it makes (--size, since 0.8.0): runs may then have private scratch. */
  sizedPrivateTmpfs: boolean;
}

export async function inspectMachine(paths: HostPaths, pool: UidPool, options: { useRememberedChecks?: boolean } = {}): Promise<MachineState> {
  const isRoot = process.getuid?.() === 0;
  let seccomp: { path: string } | { missing: string };
  let cgroups: CgroupDriver | { missing: string };
  ensureHostPaths(paths, isRoot);
  sweepLeftovers(paths);
  const sharedEtc = buildSharedEtc(paths.etc);
  cgroups = detectCgroups();
  if (!("missing" in cgroups)) {
    if (isRoot) sweepCgroups(cgroups.runParents());
    cgroups = tryCgroup(cgroups);
  }
  try {
    seccomp = { path: await ensureSeccompFilter(paths.seccompCache) };
  } catch (error) {
    seccomp = { missing: `the seccomp filter could not be built: ${(error as Error).message.split("\n")[0]}` };
  }
  const protections = await checkProtections({
    isRoot,
    cgroups,
    seccomp,
    trySandbox: () => trySandbox(isRoot ? pool : undefined),
    // Without a cache file every tool runs and a test sandbox starts (roadwork doctor).
    ...(options.useRememberedChecks === false ? {} : { cacheFile: join(paths.root, "protections.json") }),
  });
  return {
    paths,
    isRoot,
    sharedEtc,
    // Without root there is no tmpfs to mount: runs get plain folders.
    mounter: isRoot ? new Mounter(paths.runs) : undefined,
    cgroups: "missing" in cgroups ? undefined : cgroups,
    seccompPath: "path" in seccomp ? seccomp.path : undefined,
    protections,
    sizedPrivateTmpfs: bwrapAtLeast(protections, [0, 8, 0]),
  };
}

/** From the version the bubblewrap check reported ("bubblewrap 0.8.0"). */
export function bwrapAtLeast(protections: readonly ProtectionReport[], wanted: readonly [number, number, number]): boolean {
  const report = protections.find((p) => p.name === "bubblewrap");
  const match = report?.active === true ? /(\d+)\.(\d+)\.(\d+)/.exec(report.detail) : null;
  if (match === null) return false;
  const have = [Number(match[1]), Number(match[2]), Number(match[3])];
  for (let i = 0; i < 3; i++) if (have[i] !== wanted[i]) return (have[i] ?? 0) > (wanted[i] ?? 0);
  return true;
}

/** A cgroup driver counts only if a run cgroup can really be made and removed. */
function tryCgroup(driver: CgroupDriver): CgroupDriver | { missing: string } {
  try {
    const probe = driver.create(`roadwork-${process.pid}-probe-${randomBytes(4).toString("hex")}`, { memoryBytes: 64 * 1024 * 1024, tasks: 8 });
    void probe.remove();
    return driver;
  } catch (error) {
    return { missing: `cannot create a cgroup under ${driver.describe()}: ${(error as Error).message}` };
  }
}

/** Starts /usr/bin/true the way a run starts (minus limits): as a pool uid when root, else as ourselves. */
async function trySandbox(pool: UidPool | undefined): Promise<string | undefined> {
  const uid = pool?.acquire();
  const drop = uid === undefined ? [] : ["/usr/bin/setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"];
  try {
    await exec(
      "/bin/dash",
      // Limits as a run has them (dash: file size in 512-byte blocks), so that a shell whose ulimit fails is found here.
      ["-c", JOIN_CGROUPS_SCRIPT, "sh", "--limits", "5", "6", "32768", "256", "64", "0", ...drop,
        "/usr/bin/bwrap", "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--disable-userns", "--as-pid-1", "--clearenv", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/", "--", "/usr/bin/true"],
      { timeout: 10_000, cwd: "/", env: { PATH: "/usr/bin:/bin" } },
    );
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return stderr || (error as Error).message;
  } finally {
    if (uid !== undefined) pool?.release(uid);
  }
}
