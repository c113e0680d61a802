/**
 * Runs python/harness/git_receive.py in the sandbox: the stored pack and the pushed pack go
 * in, the checked ref updates, the graded commit's tree (.tar.gz, stdout) and the new stored
 * pack (fd 4) come out. git runs only there, with our configuration (docs/security.md): the
 * host handles the learner's objects as bytes and never runs git on them.
 */
import type { Duplex } from "node:stream";
import { RoadworkError } from "../../errors.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "../../grading/exercise/paths.js";
import { pythonModule } from "../../grading/exercise/spawn.js";
import { FrameReader } from "../../grading/exercise/frames.js";
import type { Sandbox, SandboxLimits } from "../../grading/sandbox/types.js";
import type { RefUpdate } from "./pkt-line.js";

export interface ReceiveInput {
  stored: { refs: ReadonlyMap<string, string>; pack: Buffer };
  pushed: Buffer;
  commands: readonly RefUpdate[];
  /** The branch whose new commit is graded, when there is one. */
  grade?: RefUpdate;
  /** The most the tree may take as a .tar.gz; the stored pack may be four times this. */
  maxBytes: number;
}

export type ReceiveOutcome =
  | { kind: "refused"; message: string }
  | {
      kind: "done";
      results: { ref: string; ok: boolean; message?: string }[];
      refs: Map<string, string>;
      pack: Buffer;
      /** The graded tree as .tar.gz; undefined when nothing is graded. */
      archive: Buffer | undefined;
      /** Names in the tree left out of the archive (links, submodules). */
      skipped: string[];
    };

interface DoneFrame {
  t: "done";
  results: { ref: string; ok: boolean; message?: string }[];
  refs: Record<string, string>;
  skipped: string[];
}

export async function receiveInSandbox(sandbox: Sandbox, input: ReceiveInput): Promise<ReceiveOutcome> {
  const limits: Partial<SandboxLimits> = {
    wallTimeMs: 60_000,
    cpuTimeMs: 30_000,
    memoryBytes: 512 * 1024 * 1024,
    processes: 16,
    fileSizeBytes: 4 * input.maxBytes,
    diskBytes: 8 * input.maxBytes + 64 * 1024 * 1024,
    outputBytes: input.maxBytes,
  };
  const request = {
    refs: Object.fromEntries(input.stored.refs),
    commands: input.commands,
    grade: input.grade?.new ?? null,
    gradeRef: input.grade?.ref ?? null,
  };
  const proc = sandbox.spawn({
    argv: [...pythonModule("git_receive"), JSON.stringify(request)],
    mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
    files: { "store.pack": input.stored.pack, "push.pack": input.pushed },
    stdin: "",
    limits,
    channels: 2,
  });
  const [frames, packOut] = proc.channels;
  if (frames === undefined || packOut === undefined) throw new RoadworkError("INFRASTRUCTURE", "the sandbox gave no channel for the push");
  let last: unknown;
  let tooLarge = false;
  const reader = new FrameReader(1024 * 1024, {
    frame(body) {
      last = JSON.parse(body.toString("utf8"));
    },
    tooLarge() {
      tooLarge = true;
      void proc.kill();
    },
  });
  // The channel breaks when the sandboxed indexer ends; its result says how, and is what is read.
  frames.on("error", () => undefined);
  reader.attach(frames);
  const pack = readBounded(packOut, 4 * input.maxBytes, () => void proc.kill());
  const result = await proc.result;
  const packBytes = await pack;
  const frame = last as DoneFrame | { t: "refused"; message: string } | undefined;
  if (frame?.t === "refused") return { kind: "refused", message: frame.message };
  if (result.outputTruncated) return { kind: "refused", message: `the pushed tree is larger than ${Math.round(input.maxBytes / 1024 / 1024)} MiB as a .tar.gz archive; leave build output, data files and virtual environments out of it (.gitignore)` };
  if (frame?.t !== "done" || tooLarge || packBytes === undefined || result.exitCode !== 0) {
    const why = result.limitsHit.map((h) => h.message).join("; ") || result.stderr.toString("utf8").trim().split("\n").slice(-3).join("\n") || `exit code ${String(result.exitCode)}`;
    if (result.limitsHit.length > 0) return { kind: "refused", message: `${why} while your push was read` };
    throw new RoadworkError("INFRASTRUCTURE", `the push could not be read into the repository: ${why}`);
  }
  return {
    kind: "done",
    results: frame.results,
    refs: new Map(Object.entries(frame.refs)),
    pack: packBytes,
    archive: input.grade !== undefined && result.stdout.length > 0 ? result.stdout : undefined,
    skipped: frame.skipped,
  };
}

/** Everything `stream` gives, or undefined past `limit` bytes (after calling `over`). */
function readBounded(stream: Duplex, limit: number, over: () => void): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
    };
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over();
        finish(undefined);
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => finish(Buffer.concat(chunks)));
    stream.on("close", () => finish(Buffer.concat(chunks)));
    stream.on("error", () => finish(undefined));
  });
}
