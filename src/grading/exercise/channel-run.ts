/** Runs a sandboxed process and collects the frames it writes on fd 3, bounded in size. */
import type { LimitHit } from "../report.js";
import type { Sandbox, SandboxResult, SandboxSpec } from "../sandbox/types.js";
import { FrameReader } from "./frames.js";
import { formatMiB } from "./limits.js";

export interface ChannelRun {
  result: SandboxResult;
  /** Each frame parsed as JSON; a frame that is not JSON is left out and counted. */
  frames: unknown[];
  badFrames: number;
  limitsHit: LimitHit[];
}

export async function runWithChannel(
  sandbox: Sandbox,
  spec: SandboxSpec,
  messageLimit: number,
  onFrame?: (frame: unknown) => void,
  signal?: AbortSignal,
): Promise<ChannelRun> {
  const proc = sandbox.spawn({ ...spec, channels: 1 });
  const frames: unknown[] = [];
  let badFrames = 0;
  let tooLarge: LimitHit | undefined;
  const reader = new FrameReader(messageLimit, {
    frame(body) {
      try {
        const frame: unknown = JSON.parse(body.toString("utf8"));
        frames.push(frame);
        onFrame?.(frame);
      } catch {
        badFrames += 1;
      }
    },
    tooLarge() {
      tooLarge = { limit: "message-size", message: `message size limit ${formatMiB(messageLimit)} reached` };
      void proc.kill(tooLarge);
    },
  });
  const channel = proc.channels[0];
  if (channel === undefined) throw new Error("the sandbox gave no channel");
  channel.on("error", () => undefined);
  reader.attach(channel);
  const onAbort = (): void => void proc.kill();
  signal?.addEventListener("abort", onAbort, { once: true });
  const result = await proc.result;
  signal?.removeEventListener("abort", onAbort);
  const limitsHit = [...result.limitsHit];
  if (tooLarge && !limitsHit.some((h) => h.limit === "message-size")) limitsHit.push(tooLarge);
  return { result, frames, badFrames, limitsHit };
}
