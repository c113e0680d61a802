/**
 * The /etc a run sees. One shared folder, built once per process, holds copies of the few
 * public host files Python and its libraries read (certificates, time zone, MIME types, the
 * dynamic loader cache, Debian's sitecustomize, alternatives) and never a secret
 * (/etc/shadow, /etc/ssl/private), plus synthesized hosts (localhost, so that binding to
 * "localhost" needs no resolver) and nsswitch.conf (files only). It is bound read-only at
 * /etc in one mount; each run then gets a passwd and group naming its own uid (getpass,
 * pwd, ~ expansion) bound over the placeholders. Three mounts instead of one per file:
 * every mount costs bwrap time at each start.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Public host files and folders copied when present. */
const HOST_ETC = [
  "ssl/certs",
  "ssl/openssl.cnf",
  "ca-certificates.conf",
  "localtime",
  "timezone",
  "mime.types",
  "ld.so.cache",
  "services",
  "protocols",
  "os-release",
  "alternatives",
];

// "localhost" is 127.0.0.1 only: an app told to listen on localhost must not end up on ::1
// alone, where the forwarder (and tests written for 127.0.0.1) would not find it.
const HOSTS = "127.0.0.1\tlocalhost sandbox\n::1\tip6-localhost ip6-loopback\n";
const NSSWITCH = "passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n";

export interface EtcPlan {
  /** Bound read-only at /etc. */
  shared: string;
  /** [hostPath, sandboxPath] bound read-only over the shared placeholders. */
  perRun: Array<readonly [string, string]>;
}

/** Builds this process's shared /etc folder (etc/shared-PID) and returns its path. */
export function buildSharedEtc(etcRoot: string, hostEtc = "/etc"): string {
  const folder = join(etcRoot, `shared-${process.pid}`);
  rmSync(folder, { recursive: true, force: true });
  const temp = `${folder}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { mode: 0o755 });
  const names = [...HOST_ETC];
  // Debian's /usr/lib/python3.X/sitecustomize.py is a link into /etc/python3.X/.
  for (const name of safeReaddir(hostEtc)) if (/^python3(\.\d+)?$/.test(name)) names.push(name);
  for (const name of names) {
    const from = join(hostEtc, name);
    if (!exists(from)) continue;
    mkdirSync(dirname(join(temp, name)), { recursive: true, mode: 0o755 });
    cpSync(from, join(temp, name), { recursive: true, verbatimSymlinks: true, dereference: false });
  }
  writeFileSync(join(temp, "hosts"), HOSTS, { mode: 0o644 });
  writeFileSync(join(temp, "nsswitch.conf"), NSSWITCH, { mode: 0o644 });
  // Placeholders the per-run files are bound over.
  writeFileSync(join(temp, "passwd"), passwd(65534), { mode: 0o644 });
  writeFileSync(join(temp, "group"), group(65534), { mode: 0o644 });
  renameSync(temp, folder);
  return folder;
}

/** The /etc of a run as `uid`: the shared folder plus passwd and group for that uid (written once per uid). */
export function etcFor(etcRoot: string, shared: string, uid: number): EtcPlan {
  const folder = join(etcRoot, `uid-${uid}`);
  const files = { passwd: passwd(uid), group: group(uid) };
  if (!existsSync(join(folder, "group"))) {
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    for (const [name, content] of Object.entries(files)) {
      const temp = join(folder, `.${name}.${process.pid}`);
      writeFileSync(temp, content, { mode: 0o644 });
      renameSync(temp, join(folder, name));
    }
  }
  return { shared, perRun: Object.keys(files).map((name) => [join(folder, name), `/etc/${name}`] as const) };
}

function passwd(uid: number): string {
  const learner = uid === 65534 ? "" : `learner:x:${uid}:${uid}:learner:/work:/usr/sbin/nologin\n`;
  return `root:x:0:0:root:/root:/usr/sbin/nologin\n${learner}nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`;
}

function group(uid: number): string {
  const learner = uid === 65534 ? "" : `learner:x:${uid}:\n`;
  return `root:x:0:\n${learner}nogroup:x:65534:\n`;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
