/**
 * The crash scenario shared by test/queue/crash-restart.test.ts and bench/crash-restart.mjs:
 * learners submit over HTTP to the real server process while a separate worker and then the
 * server itself are killed (SIGKILL) mid-burst; the server is started again on the same
 * database, and each learner's client resends what got no answer with the same
 * Idempotency-Key, as the web page and `roadwork submit` do.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("./fixtures/server-child.ts", import.meta.url));
const WORKER = fileURLToPath(new URL("./fixtures/worker-child.ts", import.meta.url));

export interface Child {
  child: ChildProcess;
  /** The server's URL, once ready. */
  url: string;
}

function startChild(script: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const ready = /^ready ?(.*)$/m.exec(out);
      if (ready) resolve({ child, url: ready[1] ?? "" });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited early with ${code}`)));
  });
}

export const startServerChild = (databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<Child> => startChild(SERVER, [databaseUrl, dataDir], env);
export const startWorkerChild = (databaseUrl: string, env: Record<string, string> = {}): Promise<Child> => startChild(WORKER, [databaseUrl], env);

export async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}

/** Where the clients send requests: the URL changes when the server comes back. */
export interface Target {
  url: string;
}

export interface Learner {
  userId: string;
  headers: Record<string, string>;
  /** Idempotency-Key -> the submission ids the server answered with (one, however often asked). */
  answers: Map<string, Set<string>>;
}

export async function signUpLearner(target: Target, n: number): Promise<Learner> {
  const response = await fetch(new URL("api/auth/signup", target.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `crash-${n}-${randomUUID()}@example.org`, name: `Learner ${n}`, password: "correct horse battery" }) });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string }; csrfToken: string };
  const cookie = /rw_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? "";
  return { userId: body.user.id, headers: { cookie, "x-csrf-token": body.csrfToken, "content-type": "application/json" }, answers: new Map() };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Submits `count` sources one after another, each with its own key, resending it until the
 * server answers 200/202: on a lost connection (the server was killed), and on 429 (the
 * learner's five pending slots are full) or 503 QUEUE_FULL (the queue of all learners is)
 * after a pause. Returns when all were accepted.
 */
export async function submitAll(target: Target, learner: Learner, count: number, stop: AbortSignal): Promise<void> {
  for (let i = 0; i < count; i++) {
    const key = randomUUID();
    const answers = new Set<string>();
    learner.answers.set(key, answers);
    for (;;) {
      if (stop.aborted) throw new Error("stopped before every submission was accepted");
      try {
        const response = await fetch(new URL("api/exercises/add-two/submissions", target.url), { method: "POST", headers: { ...learner.headers, "idempotency-key": key }, body: JSON.stringify({ source: `# attempt ${i}\nreturn ${i}` }) });
        if (response.status === 200 || response.status === 202) {
          answers.add(((await response.json()) as { id: string }).id);
          // Now and then the answer is "lost": ask again with the same key, which must store nothing.
          if (i % 3 === 0) {
            const again = await fetch(new URL("api/exercises/add-two/submissions", target.url), { method: "POST", headers: { ...learner.headers, "idempotency-key": key }, body: JSON.stringify({ source: `# attempt ${i}\nreturn ${i}` }) });
            if (again.status === 200 || again.status === 202) answers.add(((await again.json()) as { id: string }).id);
          }
          break;
        }
        // 429: this learner's five slots are full; 503 QUEUE_FULL: everyone's queue is (a burst of 20 learners).
        const body = await response.text();
        const full = response.status === 503 && body.includes('"QUEUE_FULL"');
        if (response.status !== 429 && !full) throw new Error(`unexpected answer ${response.status}`);
        await pause(100);
      } catch (error) {
        if ((error as Error).message.startsWith("unexpected answer")) throw error;
        // Connection refused or reset: the server is down; ask again soon, with the same key.
        await pause(100);
      }
    }
  }
}
