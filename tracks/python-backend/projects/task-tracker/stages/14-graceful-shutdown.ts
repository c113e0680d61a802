/**
 * Stage 14: a graceful stop. Served as in production, the app is sent SIGTERM (what a
 * platform sends before it replaces a version) while a request is still arriving: the body
 * of a POST /tasks is held back, SIGTERM is sent, then the rest of the body. That request
 * must be answered in full and its task saved, and the app must then exit by itself, with
 * code 0, within a bound.
 *
 * The waits are events where the server shows them, with the old fixed waits as bounds: the
 * signal goes once a worker has the request (gunicorn's `100 Continue`, see support.ts's
 * taken), and the rest of the body once the app has begun to stop (its first line on stderr
 * after the signal: gunicorn's "Handling signal: term", written just before it signals its
 * workers) and STOPPED_MARGIN_MS more. What a wrong app does with the signal (exit from a
 * handler of its own, kill its workers at once with graceful_timeout = 0) is done by then.
 */
import type { StageContext, StageResponse } from "../../../../../src/grading/project/stage-api.js";
import { expectJson, signUpAndLogIn, taken, type SignedIn } from "./support.js";

/** How long a stopped app may take to finish what it was doing and exit. */
const EXIT_WITHIN_MS = 10_000;
/**
 * Time for a worker to take the connection and read the headers before SIGTERM, for a server
 * that does not answer `100 Continue` (generous: the grading machine may be busy).
 */
const TAKEN_MS = 1_000;
/**
 * How long to wait for the app to say on stderr that it is stopping; a server that says
 * nothing gets this long to start stopping before the rest of the body comes.
 */
const STOPPING_MS = 500;
/**
 * After the app has said it is stopping: gunicorn's arbiter writes that line and signals its
 * workers (SIGTERM, and with graceful_timeout = 0 SIGKILL) in the same few microseconds; a
 * worker then ends before it can read the rest of the body. Measured on a loaded 2-core
 * machine: the line 4 ms after the signal, a worker's own exit 9 ms after it.
 */
const STOPPED_MARGIN_MS = 100;

export default async function stage(t: StageContext): Promise<void> {
  let user: SignedIn | undefined;
  let created: { id?: unknown; title?: unknown } | undefined;
  const title = `Sent during the shutdown ${t.unique("sigterm")}`;

  await t.check("served as in production, the app takes a request before it is stopped", async () => {
    // Stage 13 leaves it served so.
    await t.ensureApp({ production: true });
    user = await signUpAndLogIn(t, "shutdown");
  });

  await t.check("a POST /tasks still arriving when SIGTERM is sent is answered in full: 201 and the task", async () => {
    if (!user) t.fail("skipped: signing up did not work (see the check above).");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const req = { method: "POST", path: "/tasks", headers: user.headers, json: { title } };
    let answer: Promise<StageResponse | Error> = Promise.resolve(new Error("not sent"));
    await taken((onContinue) => {
      answer = t.request({ ...req, holdBody: held, onContinue }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    }, TAKEN_MS);
    const said = t.appOutput().stderr.length;
    await t.signalApp("SIGTERM");
    for (const waitUntil = Date.now() + STOPPING_MS; t.appOutput().stderr.length === said && Date.now() < waitUntil; ) await sleep(5);
    await sleep(STOPPED_MARGIN_MS);
    release();
    const res = await answer;
    if (res instanceof Error) {
      t.fail(`The request was on its way when the app got SIGTERM (headers and half the body sent, then the rest), and it got no answer: ${noAnswer(res.message)} A graceful stop refuses new connections but finishes the requests it has begun. Do not exit from a SIGTERM handler of your own, and leave the server time to finish (gunicorn's graceful_timeout).`, {
        request: req,
        expected: "status 201 and the new task",
      });
    }
    const body = res.json as { id?: unknown; title?: unknown } | undefined;
    if (res.status !== 201 || body?.title !== title) {
      t.fail(`The request begun before SIGTERM answered ${res.status}. A graceful stop finishes the requests it has begun.`, { request: req, response: res, expected: "status 201 and the new task" });
    }
    created = body;
  });

  await t.check(`after SIGTERM the app exits by itself, with code 0, within ${EXIT_WITHIN_MS / 1000} s`, async () => {
    const end = await t.waitForAppExit(EXIT_WITHIN_MS);
    if (end === undefined) {
      t.fail(`${EXIT_WITHIN_MS / 1000} s after SIGTERM the app is still running. A platform waits a little, then kills it with SIGKILL, cutting every request short. A SIGTERM handler of your own that does not end the process keeps the server from stopping.`, {
        expected: `the process exits within ${EXIT_WITHIN_MS / 1000} s`,
      });
    }
    if (end.exitCode !== 0) {
      t.fail(`After SIGTERM the app ended ${end.signal !== null ? `by signal ${end.signal}` : `with code ${String(end.exitCode)}`}. A stop that was asked for is not a crash: exit with code 0, or the platform reports the deploy as failed.`, {
        expected: "exit code 0",
      });
    }
  });

  await t.check("the task sent during the shutdown is in the database after a restart", async () => {
    if (!user || created === undefined) t.fail("skipped: the task was not created (see the checks above).");
    await t.restartApp({ production: true });
    const task = await expectJson(t, { method: "GET", path: `/tasks/${String(created.id)}`, headers: user.headers }, 200);
    if (task.title !== title) t.fail("The task answered during the shutdown is not as it was sent.", { expected: JSON.stringify({ ...created }) });
  });
}

/** "The app closed the connection without answering." as part of a sentence; that the app has stopped by now is expected here, not the news. */
function noAnswer(message: string): string {
  const why = message.replace(/: the app has stopped \(.*$/s, ".");
  return `${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
