/**
 * The sandbox every piece of learner code runs in. Import createSandbox from here; the
 * contract is in ./types.ts.
 */
import { BwrapSandbox } from "./bwrap/bwrap-sandbox.js";
import type { BwrapSandboxOptions } from "./bwrap/bwrap-sandbox.js";
import type { Sandbox } from "./types.js";

export type SandboxOptions = BwrapSandboxOptions;
export { DEFAULT_ENV } from "./bwrap/bwrap-sandbox.js";
export * from "./types.js";

/**
 * Checks the machine (once per process) and returns the sandbox. Throws RoadworkError
 * SANDBOX_UNAVAILABLE, listing what is missing, when an essential protection is missing,
 * unless `allowMissingProtections` (which the CLI sets from ROADWORK_ALLOW_MISSING_PROTECTIONS=1,
 * src/grading-config.ts).
 */
export function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return BwrapSandbox.create(options);
}
