/**
 * The /etc a run sees: a few public host files Python and its libraries read (certificates,
 * time zone, MIME types, the dynamic loader cache, Debian's sitecustomize), never secrets
 * (/etc/shadow, /etc/ssl/private), plus files synthesized per uid: a passwd and group that
 * name the run's uid (getpass, pwd, ~ expansion), hosts with localhost (so that binding to
 * "localhost" works without a resolver), and an nsswitch.conf that uses only those files.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Public host files and folders, bound read-only when present. */
const HOST_ETC = [
  "/etc/ssl/certs",
  "/etc/ssl/openssl.cnf",
  "/etc/ca-certificates.conf",
  "/etc/localtime",
  "/etc/timezone",
  "/etc/mime.types",
  "/etc/ld.so.cache",
  "/etc/services",
  "/etc/protocols",
  "/etc/os-release",
  "/etc/alternatives",
];

/** How a host /etc entry is reproduced inside: a bind, or a symlink when it is one. */
export type EtcEntry = { kind: "bind"; path: string } | { kind: "symlink"; path: string; target: string };

let hostEntries: EtcEntry[] | undefined;

/** The host /etc entries to reproduce, looked up once. */
export function hostEtcEntries(): EtcEntry[] {
  if (hostEntries !== undefined) return hostEntries;
  const paths = [...HOST_ETC];
  // Debian's /usr/lib/python3.X/sitecustomize.py is a link into /etc/python3.X/.
  for (const name of safeReaddir("/etc")) if (/^python3(\.\d+)?$/.test(name)) paths.push(join("/etc", name));
  const entries: EtcEntry[] = [];
  for (const path of paths) {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    entries.push(st.isSymbolicLink() ? { kind: "symlink", path, target: readlinkSync(path) } : { kind: "bind", path });
  }
  hostEntries = entries;
  return entries;
}

const SYNTHESIZED = ["passwd", "group", "hosts", "nsswitch.conf"] as const;

/**
 * Writes (once per uid) the synthesized files and returns [hostPath, sandboxPath] pairs.
 * The folder is public (0755): these files say nothing secret, and bwrap, running as the
 * run's uid, binds them by path.
 */
export function syntheticEtc(dir: string, uid: number): Array<[string, string]> {
  const folder = join(dir, String(uid));
  if (!existsSync(join(folder, SYNTHESIZED[SYNTHESIZED.length - 1] ?? ""))) {
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    const contents: Record<(typeof SYNTHESIZED)[number], string> = {
      passwd: `root:x:0:0:root:/root:/usr/sbin/nologin\nlearner:x:${uid}:${uid}:learner:/work:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
      group: `root:x:0:\nlearner:x:${uid}:\nnogroup:x:65534:\n`,
      hosts: "127.0.0.1\tlocalhost sandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n",
      "nsswitch.conf": "passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n",
    };
    for (const name of SYNTHESIZED) {
      const temp = join(folder, `.${name}.${process.pid}`);
      writeFileSync(temp, contents[name], { mode: 0o644 });
      renameSync(temp, join(folder, name));
    }
  }
  return SYNTHESIZED.map((name) => [join(folder, name), `/etc/${name}`]);
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
