/**
 * For suites that need the real sandbox: false when it starts on this machine, else the
 * reason, given as the suite's `skip` so that the run says why it did not test them.
 */
export async function skipWithoutSandbox(): Promise<string | false> {
  try {
    const { createSandbox } = await import("../src/grading/sandbox/index.js");
    await (await createSandbox()).close();
    return false;
  } catch (error) {
    return `the sandbox is not available on this machine: ${(error as Error).message}`;
  }
}
