/**
 * The /etc a run sees. One shared folder, built once and reused until the host files change, holds copies of the few
 * public host files Python and its libraries read (certificates, time zone, MIME types, the
 * dynamic loader cache, Debian's sitecustomize, alternatives) and never a secret
 * (/etc/shadow, /etc/ssl/private), plus synthesized hosts (localhost, so that binding to
 * "localhost" needs no resolver) and nsswitch.conf (files only). It is bound read-only at
 * /etc in one mount; each run then gets a passwd and group naming its own uid (getpass,
 * pwd, ~ expansion) bound over the placeholders. Three mounts instead of one per file:
 * every mount costs bwrap time at each start.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { processGone } from "../../../process-gone.js";

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

/**
 * The shared /etc folder for the host's current files: etc/cache-HASH, built once and reused
 * by every roadwork process until the host files change. Copying them (700 certificate
 * links) costs hundreds of milliseconds, which a cold `roadwork grade` must not pay. The
 * hash covers the boot, each copied entry's inode, size and mtime, and for folders their
 * own mtime (dpkg, update-ca-certificates and update-alternatives replace files by rename,
 * which changes it) plus the entries of the small python3.X folders (edited in place).
 */
export function buildSharedEtc(etcRoot: string, hostEtc = "/etc"): string {
  const names = sharedNames(hostEtc);
  const folder = join(etcRoot, `cache-${fingerprint(hostEtc, names)}`);
  if (existsSync(join(folder, "group"))) return folder;
  // A new fingerprint: the host changed (or first use); leftovers of dead builders go too.
  sweepEtcLeftovers(etcRoot);
  const temp = `${folder}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { mode: 0o755 });
  for (const name of names) {
    const from = join(hostEtc, name);
    if (!exists(from)) continue;
    mkdirSync(dirname(join(temp, name)), { recursive: true, mode: 0o755 });
    cpSync(from, join(temp, name), { recursive: true, verbatimSymlinks: true, dereference: false });
  }
  writeFileSync(join(temp, "hosts"), HOSTS, { mode: 0o644 });
  writeFileSync(join(temp, "nsswitch.conf"), NSSWITCH, { mode: 0o644 });
  // Placeholders the per-run files are bound over; written last, so "group" marks a complete folder.
  writeFileSync(join(temp, "passwd"), passwd(65534), { mode: 0o644 });
  writeFileSync(join(temp, "group"), group(65534), { mode: 0o644 });
  try {
    renameSync(temp, folder);
  } catch (error) {
    // Another process built the same folder first: use theirs.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(join(folder, "group"))) throw error;
  }
  return folder;
}

function sharedNames(hostEtc: string): string[] {
  const names = [...HOST_ETC];
  // Debian's /usr/lib/python3.X/sitecustomize.py is a link into /etc/python3.X/.
  for (const name of safeReaddir(hostEtc)) if (/^python3(\.\d+)?$/.test(name)) names.push(name);
  return names;
}

function fingerprint(hostEtc: string, names: string[]): string {
  const hash = createHash("sha256").update(HOSTS).update(NSSWITCH).update(passwd(65534)).update(group(65534));
  try {
    hash.update(readFileSync("/proc/sys/kernel/random/boot_id"));
  } catch {
    // No boot id: the stat data alone.
  }
  const add = (path: string): void => {
    try {
      const st = lstatSync(path);
      hash.update(`${path} ${st.ino} ${st.size} ${st.mtimeMs} ${st.mode}\n`);
    } catch {
      hash.update(`${path} -\n`);
    }
  };
  for (const name of names) {
    add(join(hostEtc, name));
    if (name.startsWith("python3")) for (const child of safeReaddir(join(hostEtc, name))) add(join(hostEtc, name, child));
  }
  return hash.digest("hex").slice(0, 24);
}

/** Half-built folders of dead processes, and the per-process folders of older versions (shared-PID). */
function sweepEtcLeftovers(etcRoot: string): void {
  for (const name of safeReaddir(etcRoot)) {
    const match = /^shared-(\d+)(\.tmp)?$/.exec(name) ?? /^cache-[0-9a-f]+\.(\d+)\.tmp$/.exec(name);
    if (match?.[1] !== undefined && processGone(Number(match[1]))) rmSync(join(etcRoot, name), { recursive: true, force: true });
  }
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
