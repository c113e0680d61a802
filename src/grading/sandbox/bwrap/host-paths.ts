/**
 * Where the sandbox keeps its state on the host. Everything here is created by trusted code
 * and belongs to root. bubblewrap runs as the run's uid and binds paths as that uid, so the
 * folders it binds from (runs/, etc/) are searchable (0711) but not listable by others; run
 * folders have unguessable names and the tmpfs in each is 0711 with 0700 folders of the
 * run's uid inside. The rest (uid locks, sockets, the seccomp cache) is 0700. Sandboxed code
 * sees none of these paths.
 */
import { mkdirSync, chmodSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface HostPaths {
  /** Runtime state, cleared on reboot (/run is a tmpfs on Debian). */
  readonly root: string;
  /** One folder per run (searchable, not listable); a sized tmpfs is mounted on each. */
  readonly runs: string;
  /** One lock file per uid in use, so that several roadwork processes share the uid range. */
  readonly uids: string;
  /** Unix sockets of the forwarders. */
  readonly sockets: string;
  /** The socket the spawner connects each run's descriptors to, one per roadwork process (spawner.ts). */
  readonly spawner: string;
  /** Synthesized /etc files (passwd, group, hosts, nsswitch.conf), one folder per uid. */
  readonly etc: string;
  /** The exported seccomp BPF, keyed by the hash of the script that built it. */
  readonly seccompCache: string;
}

/** The folders given by the caller (the CLI reads ROADWORK_SANDBOX_STATE and ROADWORK_SANDBOX_CACHE), else the defaults. */
export function hostPaths(root = defaultRoot(), cache = defaultCache(root)): HostPaths {
  return Object.freeze({
    root,
    runs: join(root, "runs"),
    uids: join(root, "uids"),
    sockets: join(root, "sockets"),
    spawner: join(root, "spawner"),
    etc: join(root, "etc"),
    seccompCache: cache,
  });
}

/** Without root (allowMissingProtections) the state is the user's own, in the temp folder. */
function defaultRoot(): string {
  const uid = process.getuid?.() ?? 0;
  return uid === 0 ? "/run/roadwork-sandbox" : join(tmpdir(), `roadwork-sandbox-${uid}`);
}

function defaultCache(root: string): string {
  return (process.getuid?.() ?? 0) === 0 ? "/var/cache/roadwork/seccomp" : join(root, "seccomp");
}

/**
 * Creates the folders with their modes; refuses a path that is a symlink or not ours. As
 * root, what bwrap binds is searchable by the run uids (0711); otherwise bwrap runs as us
 * and everything is 0700.
 */
export function ensureHostPaths(paths: HostPaths, forOtherUids = true): void {
  const shared = forOtherUids ? 0o711 : 0o700;
  ensureDir(paths.root, shared);
  ensureDir(paths.runs, shared);
  ensureDir(paths.uids, 0o700);
  ensureDir(paths.sockets, 0o700);
  ensureDir(paths.spawner, 0o700);
  ensureDir(paths.etc, shared);
  ensureDir(paths.seccompCache, 0o700);
}

export function ensureDir(path: string, mode: number): void {
  mkdirSync(path, { recursive: true, mode });
  const st = lstatSync(path);
  if (!st.isDirectory()) throw new Error(`${path} is not a folder`);
  const uid = process.getuid?.() ?? 0;
  if (st.uid !== uid) throw new Error(`${path} belongs to uid ${st.uid}, not to this process (uid ${uid})`);
  if ((st.mode & 0o7777) !== mode) chmodSync(path, mode);
}
