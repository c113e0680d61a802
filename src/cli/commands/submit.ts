/**
 * `roadwork submit ID PATH --server URL --token TOKEN`: sends a solution file (exercise), a
 * repository (git exercise: a bundle of every branch and tag) or a project folder (packed as
 * .tar.gz) to a roadwork server, follows the live results and prints them. Exit code 0 pass, 1 fail, 2 error (like `roadwork grade` and `roadwork test`).
 */
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { terminalText } from "../terminal-text.js";

interface SubmitFlags {
  server?: string;
  token?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("submit")
    .description("submit a solution or a project to a roadwork server and wait for the verdict (exit code 0 pass, 1 fail, 2 error)")
    .argument("<id>", "the exercise or project, as in its URL (for example greet-user or task-tracker)")
    .argument("<path>", "your solution file, your repository (git exercises), or your project folder")
    .option("--server <url>", "the roadwork server (or ROADWORK_SERVER)")
    .option("--token <token>", "a personal API token from your account page (or ROADWORK_TOKEN)")
    .option("--json", "print the GradeReport as JSON")
    .action(async (exerciseId: string, file: string, flags: SubmitFlags) => {
      process.exitCode = await submit(exerciseId, file, flags);
    });
}

async function submit(exerciseId: string, file: string, flags: SubmitFlags): Promise<number> {
  const { readFile, stat } = await import("node:fs/promises");
  const server = flags.server ?? process.env.ROADWORK_SERVER;
  const token = flags.token ?? process.env.ROADWORK_TOKEN;
  // What the server sends back quotes the submission (test names, messages, output): escaped.
  const print = (text: string): void => void process.stdout.write(terminalText(text));
  const fail = (message: string): number => {
    process.stderr.write(terminalText(`roadwork submit: ${message}\n`));
    return 2;
  };
  if (server === undefined) return fail("name the server with --server URL (or ROADWORK_SERVER)");
  if (token === undefined) return fail("pass your personal token with --token (or ROADWORK_TOKEN); create one on your account page");
  const base = server.endsWith("/") ? server : `${server}/`;
  const headers = { authorization: `Bearer ${token}` };
  let request: { url: URL; init: RequestInit & { headers: Record<string, string> } };
  try {
    if ((await stat(file)).isDirectory() && (await isGitExercise(new URL(`api/exercises/${encodeURIComponent(exerciseId)}`, base), headers, file))) {
      const { bundleRepository } = await import("../bundle-repository.js");
      const bundle = bundleRepository(file);
      if (!flags.json) print(`bundled every branch and tag of ${file} (${Math.ceil(bundle.length / 1024)} KiB)\n`);
      request = { url: new URL(`api/exercises/${encodeURIComponent(exerciseId)}/submissions`, base), init: { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ bundle: bundle.toString("base64") }) } };
    } else if ((await stat(file)).isDirectory()) {
      const { packProject } = await import("../pack-project.js");
      const packed = await packProject(file);
      if (!flags.json) {
        print(`packed ${packed.files} file${packed.files === 1 ? "" : "s"} from ${file} (${Math.ceil(packed.archive.length / 1024)} KiB)\n`);
        if (packed.skipped.length > 0) print(`left out: ${packed.skipped.slice(0, 8).join(", ")}${packed.skipped.length > 8 ? ", ..." : ""}\n`);
      }
      const form = new FormData();
      form.append("archive", new Blob([new Uint8Array(packed.archive)], { type: "application/gzip" }), "project.tar.gz");
      request = { url: new URL(`api/projects/${encodeURIComponent(exerciseId)}/submissions`, base), init: { method: "POST", headers, body: form } };
    } else {
      const source = await readFile(file, "utf8");
      request = { url: new URL(`api/exercises/${encodeURIComponent(exerciseId)}/submissions`, base), init: { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ source }) } };
    }
  } catch (error) {
    // A RoadworkError (no bundle could be made) says what to do; a file system error is named by its code.
    if (error instanceof Error && "status" in error) return fail(error.message);
    return fail(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let response: Response;
  try {
    const { sendWhenNotBusy } = await import("../busy-wait.js");
    const { sendSubmit } = await import("../send-submit.js");
    // One key for every send: a resend after a lost answer or a busy queue is the same submit.
    const key = randomUUID();
    response = await sendWhenNotBusy(() => sendSubmit(request.url, request.init, { key }), {
      say: (line) => void process.stderr.write(`${line}\n`),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  } catch (error) {
    return fail(`cannot reach ${base} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
  }
  const created = (await response.json().catch(() => ({}))) as { id?: string; eventsUrl?: string; error?: { message?: string } };
  // 200: a retry of ours that the server had already stored.
  if ((response.status !== 202 && response.status !== 200) || created.id === undefined || created.eventsUrl === undefined) return fail(created.error?.message ?? `the server answered ${response.status}`);
  if (!flags.json) print(`submitted ${exerciseId} (${created.id}); grading...\n`);

  const events = await fetch(new URL(created.eventsUrl.replace(/^\//, ""), base), { headers: { ...headers, accept: "text/event-stream" } });
  if (!events.ok || events.body === null) return fail(`could not follow the results (${events.status})`);
  let buffer = "";
  const decoder = new TextDecoder();
  for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === undefined || data === undefined) continue;
      const payload = JSON.parse(data) as { name?: string; status?: string; message?: string; report?: { status: string; message?: string; tests: unknown[] } };
      if (event === "test" && !flags.json) {
        print(`${payload.status === "pass" ? "✓" : payload.status === "skip" ? "- (skipped)" : "✗"} ${payload.name ?? ""}\n`);
        if (payload.status !== "pass" && payload.message) print(`${terminalText(payload.message).replace(/^/gm, "    ")}\n`);
      }
      if (event === "done") {
        const report = payload.report;
        if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const passed = (report?.tests ?? []).filter((t) => (t as { status: string }).status === "pass").length;
          print(`${(payload.status ?? "error").toUpperCase()}: ${passed} of ${report?.tests.length ?? 0} tests passed\n`);
          if (report?.message) print(`${report.message}\n`);
        }
        return payload.status === "pass" ? 0 : payload.status === "fail" ? 1 : 2;
      }
      if (event === "gone" || event === "timeout") return fail(payload.message ?? event);
    }
  }
  return fail("the results stream ended before the verdict");
}

/** A folder with .git, for an exercise the server says is a git exercise (a project folder may be a repository too). */
async function isGitExercise(url: URL, headers: Record<string, string>, folder: string): Promise<boolean> {
  const { existsSync } = await import("node:fs");
  const { join } = await import("node:path");
  if (!existsSync(join(folder, ".git"))) return false;
  try {
    const response = await fetch(url, { headers });
    if (!response.ok) return false;
    return ((await response.json()) as { kind?: unknown }).kind === "git";
  } catch {
    return false;
  }
}
