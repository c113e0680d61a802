/**
 * `roadwork worker`: grading only, in its own process (or on another machine), taking jobs
 * from the same database as the server. A worker that dies loses nothing: its lease runs
 * out and another worker takes the job.
 */
import type { Command } from "commander";
import { addDatabaseOptions, configFromFlags, reportStartupError, type ServerFlags } from "./serve.js";

export function register(program: Command): void {
  addDatabaseOptions(program.command("worker").description("grade queued submissions from the server's database"))
    .option("--concurrency <n>", "submissions graded at once (default 1)", "1")
    .action(async (flags: ServerFlags & { concurrency: string }) => {
      try {
        const concurrency = Number(flags.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error(`--concurrency must be a whole number from 1 to 64, not "${flags.concurrency}"`);
        const config = await configFromFlags({ ...flags, workers: String(concurrency) });
        const { startWorkerProcess } = await import("../../server/worker-process.js");
        const { createLogger, closeOnSignals } = await import("../../server/start-core.js");
        const { reloadOnHangup } = await import("../../server/reload-tracks.js");
        const log = createLogger(config);
        const running = await startWorkerProcess(config, concurrency, log);
        closeOnSignals(running, log);
        reloadOnHangup(() => running.reload(), log);
      } catch (error) {
        await reportStartupError(error);
      }
    });
}
