/**
 * The sandbox the project tests run apps in: the real one when this build has it and the
 * machine supports it, else the host stand-in (test apps are trusted test code), so the
 * runner's logic is tested either way. The name says which one ran.
 */
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { createHostSandbox } from "./host-sandbox.js";

export async function sandboxForTests(): Promise<Sandbox> {
  if (process.env["ROADWORK_TEST_HOST_SANDBOX"] === "1") return createHostSandbox();
  try {
    const mod = (await import("../../src/grading/sandbox/index.js" as string)) as { createSandbox?: () => Sandbox | Promise<Sandbox> };
    if (typeof mod.createSandbox !== "function") return createHostSandbox();
    const sandbox = await mod.createSandbox();
    const protections = await sandbox.protections();
    if (protections.some((p) => p.essential && !p.active)) {
      await sandbox.close();
      return createHostSandbox();
    }
    return sandbox;
  } catch {
    return createHostSandbox();
  }
}
