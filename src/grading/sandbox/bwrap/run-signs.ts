/** What bwrap and a run's own output tell about how the run went, read by run-process.ts. */
import type { Duplex } from "node:stream";

/**
 * strerror(EMFILE) as C, Python, Node, Go, Java and the shells print it, and the errno name:
 * the sign of the open-files limit that survives the run (the descriptors themselves are
 * gone once it has ended).
 */
const EMFILE_MESSAGE = /too many open files|\bEMFILE\b/i;

/** The run printed strerror(EMFILE) or its name: it hit the open-files limit. */
export function reportsTooManyOpenFiles(stderr: Buffer): boolean {
  return EMFILE_MESSAGE.test(stderr.toString("latin1"));
}

/** bwrap (or the cgroup wrapper) failed before the program ran: exit 1 with "bwrap: ..." or 125. */
export function isSetupFailure(exitCode: number | null, stderr: Buffer): boolean {
  const text = stderr.subarray(0, 200).toString("utf8");
  return (exitCode === 1 && text.startsWith("bwrap: ")) || (exitCode === 125 && text.startsWith("roadwork-sandbox: "));
}

/** The pid (on the host) of the sandbox's first process, from bwrap --info-fd. */
export function readChildPid(info: Duplex): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let text = "";
    info.setEncoding("utf8");
    info.on("data", (chunk: string) => {
      text += chunk;
      const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    info.on("error", () => undefined);
    info.once("close", () => reject(new Error("the sandbox ended before it reported its pid")));
  });
}
