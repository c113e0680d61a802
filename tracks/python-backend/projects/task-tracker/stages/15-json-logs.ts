/**
 * Stage 15: one JSON log line per request on stdout. Served as in production, the app is
 * sent a few requests; its stdout (apart from stderr) must hold only JSON objects, one per
 * line, each request's with method, path, status and duration_ms, and never a secret: no
 * query string (a confirmation token travels in one) and no bearer token. The app may be the
 * one stage 14 started last (ensureApp): every line since that start must be JSON, and the
 * requests of this stage are looked for among the lines written since the stage began.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectStatus, signUpAndLogIn, type Json } from "./support.js";

/** How long lines may take to reach stdout after the answer (a worker flushing late). */
const LINES_WITHIN_MS = 3_000;

interface Expected {
  method: string;
  path: string;
  status: number;
}

export default async function stage(t: StageContext): Promise<void> {
  let since = 0;
  await t.check("served as in production, the app answers a few requests", async () => {
    await t.ensureApp({ production: true });
    // This stage's lines come after the last whole line written so far.
    since = t.appOutput().stdout.lastIndexOf("\n") + 1;
  });
  const user = await signUpAndLogIn(t, "logs").catch(() => undefined);
  const missing = 900_000_000 + Number.parseInt(t.unique("n").replace(/\D/g, "").slice(-6) || "0", 10);
  const confirmToken = `secret${t.unique("confirm").replace(/-/g, "")}`;
  const expected: Expected[] = [
    { method: "GET", path: "/healthz", status: 200 },
    { method: "GET", path: `/tasks/${missing}`, status: 404 },
    { method: "POST", path: "/tasks", status: 201 },
    { method: "GET", path: "/confirm", status: 400 },
  ];

  await t.check("the requests are answered", async () => {
    if (!user) t.fail("Signing up and logging in did not work (stages 7-9).");
    await expectStatus(t, { method: "GET", path: "/healthz" }, 200);
    await expectStatus(t, { method: "GET", path: `/tasks/${missing}`, headers: user.headers }, 404);
    await expectStatus(t, { method: "POST", path: "/tasks", headers: user.headers, json: { title: "Logged" } }, 201);
    await expectStatus(t, { method: "GET", path: `/confirm?token=${confirmToken}` }, 400);
  });

  let lines: Json[] = [];
  await t.check("every line the app writes on stdout is one JSON object", async () => {
    const deadline = Date.now() + LINES_WITHIN_MS;
    for (;;) {
      const stdout = t.appOutput().stdout;
      const parsed = parseLines(stdout);
      if ("bad" in parsed) {
        t.fail(`This line on the app's stdout is not a JSON object: ${JSON.stringify(parsed.bad.slice(0, 300))}. Log tools read stdout one line at a time, each a JSON object: write anything else to stderr, or as JSON.`, {
          expected: '{"method": "GET", "path": "/healthz", "status": 200, "duration_ms": 1.2}',
        });
      }
      const ours = parseLines(stdout.slice(since));
      lines = "lines" in ours ? ours.lines : [];
      if (expected.every((each) => lines.some((line) => line.method === each.method && line.path === each.path)) || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  await t.check("each request has its line: method, path without the query string, its real status, and duration_ms", async () => {
    for (const each of expected) {
      const line = lines.find((candidate) => candidate.method === each.method && candidate.path === each.path);
      const shown = `${each.method} ${each.path}${each.path === "/confirm" ? "?token=..." : ""}`;
      if (line === undefined) {
        const near = lines.find((candidate) => candidate.method === each.method && typeof candidate.path === "string" && candidate.path.startsWith(each.path));
        t.fail(`No line on stdout has "method": "${each.method}" and "path": "${each.path}" for the request ${shown}.${near ? ` The closest is ${JSON.stringify(near)}: the path is the URL's path alone, without the query string.` : ""}`, {
          expected: JSON.stringify({ method: each.method, path: each.path, status: each.status, duration_ms: 1.2 }),
        });
      }
      if (line.status !== each.status) {
        t.fail(`The line for ${shown} says "status": ${JSON.stringify(line.status)}, but the app answered ${each.status}. Log the status of the response that was sent, as a number, once it is known.`, {
          expected: JSON.stringify({ ...line, status: each.status }),
        });
      }
      if (typeof line.duration_ms !== "number" || !Number.isFinite(line.duration_ms) || line.duration_ms < 0) {
        t.fail(`The line for ${shown} has "duration_ms": ${JSON.stringify(line.duration_ms)}: it must be the time the request took, in milliseconds, as a number.`, { expected: JSON.stringify({ ...line, duration_ms: 1.2 }) });
      }
    }
  });

  await t.check("no secret reaches the logs: neither the confirmation token in a query string nor the bearer token", async () => {
    const stdout = t.appOutput().stdout;
    if (stdout.includes(confirmToken)) {
      t.fail(`The app's stdout holds the token sent in GET /confirm?token=${confirmToken}. Logs are read by many people and kept for months: log the path without its query string.`);
    }
    if (user && stdout.includes(user.token)) t.fail("The app's stdout holds a bearer token from an Authorization header: anyone who reads the logs could act as that user. Never log headers or tokens.");
  });
}

function parseLines(stdout: string): { lines: Json[] } | { bad: string } {
  const lines: Json[] = [];
  for (const raw of stdout.split("\n")) {
    const text = raw.trim();
    if (text === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { bad: text };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { bad: text };
    lines.push(value as Json);
  }
  return { lines };
}
