/**
 * Descriptors this process inherited without close-on-exec. Node and libuv open theirs with
 * O_CLOEXEC, so any such descriptor above 2 came from whoever started us (a shell, a
 * supervisor) and would otherwise be inherited by every sandboxed program.
 */
import { readdirSync, readFileSync } from "node:fs";

const O_CLOEXEC = 0o2000000;

export function inheritedFds(): number[] {
  const fds: number[] = [];
  let names: string[];
  try {
    names = readdirSync("/proc/self/fd");
  } catch {
    return [];
  }
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    try {
      const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))?.[1];
      if (flags !== undefined && (Number.parseInt(flags, 8) & O_CLOEXEC) === 0) fds.push(fd);
    } catch {
      // Closed meanwhile (the readdir's own descriptor, for one).
    }
  }
  return fds;
}
