// The hostile runs of bench/soak.mjs (issue 8): each attack is one async function that
// returns { ok, detail }; ok false names what the server did wrong. Sandbox attacks submit
// code that must end with a final verdict other than pass (the limit it hit stops it).
import { randomBytes } from "node:crypto";
import { finalVerdict, postSubmission, retryAfterMs, signUp, sleep, submitUntilAccepted } from "./soak-client.mjs";

const fn = (body) => `import os, sys\n\ndef running_total(numbers):\n${body}\n`;
/** [exercise, source]: code that loops, forks, eats memory, floods, or lies about its result. */
export const SANDBOX_ATTACKS = {
  "infinite loop": ["running-total", fn("    while True:\n        pass")],
  "fork bomb": ["running-total", fn("    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass")],
  "memory hog": ["running-total", fn("    hog = []\n    while True:\n        hog.append(bytearray(16 * 1024 * 1024))")],
  "output flood": ["running-total", fn("    line = 'x' * 65536\n    while True:\n        print(line)\n        sys.stderr.write(line)")],
  "self-referencing return value": ["running-total", fn("    result = []\n    result.append(result)\n    return result")],
  "os._exit(0) at import": ["running-total", "import os\nos._exit(0)\n\ndef running_total(numbers):\n    return []\n"],
  "program looping forever": ["greet-user", "while True:\n    pass\n"],
};

const codeOf = (answer) => answer.body.error?.code ?? answer.body.code;

let addressCounter = 0;
/** A fresh client address in 10.200.0.0/16 for each hostile client. */
export const hostileAddress = () => `10.200.${Math.floor(++addressCounter / 250)}.${(addressCounter % 250) + 1}`;

/**
 * Builds the attack list. ctx: { base, reference (exercise -> source), bomb, track(id,
 * learner, expected), refusals, stopAt(), graceDeadline() }.
 */
export function attacks(ctx) {
  const { base } = ctx;
  const learners = new Map();
  const learner = async (label) => {
    if (!learners.has(label)) learners.set(label, await signUp(base, `soak-${label.replace(/\W+/g, "-")}`, hostileAddress()));
    return learners.get(label);
  };
  const list = [];
  for (const [name, [exercise, source]] of Object.entries(SANDBOX_ATTACKS)) {
    list.push([name, async () => {
      const who = await learner(name);
      const id = await submitUntilAccepted(base, who, exercise, source, ctx.refusals, ctx.stopAt());
      if (id === undefined) return { ok: true, detail: "not accepted before the end (queue full)" };
      const status = await finalVerdict(base, who, id, ctx.graceDeadline());
      return { ok: status === "fail" || status === "error", detail: `verdict ${status ?? "none (lost)"}` };
    }]);
  }

  list.push(["zip bomb upload", async () => {
    const who = await signUp(base, "soak-bomber", hostileAddress());
    const form = new FormData();
    form.append("archive", new Blob([ctx.bomb], { type: "application/zip" }), "bomb.zip");
    // The queue bound is checked before the upload is read: a full queue answers 503 first, so wait as told.
    let response;
    let text;
    for (let tries = 0; ; tries++) {
      response = await fetch(new URL("api/projects/task-tracker/submissions", base), { method: "POST", headers: { cookie: who.cookie, "x-csrf-token": who.headers["x-csrf-token"], "x-forwarded-for": who.address }, body: form });
      text = await response.text();
      if (response.status !== 503 || tries >= 10) break;
      await sleep(retryAfterMs(response, 2000));
    }
    return { ok: response.status === 413 || response.status === 400, detail: `${response.status} ${text.slice(0, 80)}` };
  }]);

  list.push(["password spraying", async () => {
    const address = hostileAddress();
    const statuses = new Map();
    let limitedWithRetryAfter = false;
    for (let i = 0; i < 40; i++) {
      const response = await fetch(new URL("api/auth/login", base), {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ email: `sprayed-${i}-${randomBytes(3).toString("hex")}@example.org`, password: "Winter2026!" }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 429 && response.headers.get("retry-after") !== null) limitedWithRetryAfter = true;
      if (response.status === 503) await sleep(retryAfterMs(response, 1000));
    }
    const summary = [...statuses].map(([s, n]) => `${n}x${s}`).join(" ");
    return { ok: limitedWithRetryAfter && !statuses.has(200), detail: `40 logins, distinct emails: ${summary}` };
  }]);

  list.push(["cross-site form POSTs", async () => {
    const victim = await learner("csrf-victim");
    const evil = { origin: "https://evil.example.net", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded", cookie: victim.cookie, "x-forwarded-for": victim.address };
    const history = async () => (await (await fetch(new URL("api/exercises/running-total/submissions", base), { headers: { cookie: victim.cookie, "x-forwarded-for": victim.address } })).json()).submissions.length;
    const before = await history();
    const submit = await fetch(new URL("api/exercises/running-total/submissions", base), { method: "POST", headers: evil, body: "source=print(1)" });
    const login = await fetch(new URL("api/auth/login", base), { method: "POST", headers: evil, body: "email=a%40example.org&password=x" });
    await Promise.all([submit.arrayBuffer(), login.arrayBuffer()]);
    const stored = (await history()) - before;
    return { ok: submit.status === 403 && login.status === 403 && stored === 0, detail: `submit ${submit.status}, login ${login.status}, stored ${stored}` };
  }]);

  list.push(["past the per-learner cap", async () => {
    const who = await learner("capper");
    const source = ctx.reference["running-total"];
    // A full global queue answers 503 before the per-learner cap is counted: send the seven again after Retry-After.
    let answers = [];
    for (let tries = 0; tries < 10; tries++) {
      answers = await Promise.all(Array.from({ length: 7 }, () => postSubmission(base, who, "running-total", source)));
      if (answers.some((a) => a.status === 429 || a.status === 202)) break;
      await sleep(5000);
    }
    const queueFull = answers.filter((a) => a.status === 503).length;
    for (let i = 0; i < queueFull; i++) {
      const id = await submitUntilAccepted(base, who, "running-total", source, ctx.refusals, ctx.stopAt());
      if (id !== undefined) answers.push({ status: 202, body: { id } });
    }
    const refused = answers.filter((a) => a.status === 429);
    const ids = answers.filter((a) => a.status === 202).map((a) => a.body.id);
    // The refused ones come back after Retry-After, as a client should.
    for (let i = 0; i < refused.length; i++) {
      const id = await submitUntilAccepted(base, who, "running-total", source, ctx.refusals, ctx.stopAt());
      if (id !== undefined) ids.push(id);
    }
    for (const id of ids) ctx.track(id, who, "pass");
    const statuses = await Promise.all(ids.map((id) => finalVerdict(base, who, id, ctx.graceDeadline())));
    const wrong = statuses.filter((s) => s !== "pass").length;
    return { ok: refused.length > 0 && wrong === 0, detail: `7 at once: ${ids.length - refused.length} accepted (${queueFull} after QUEUE_FULL), ${refused.length}x429 (Retry-After ${refused[0]?.retryAfter ?? "absent"}); after retries ${ids.length} graded, ${wrong} not pass` };
  }]);

  list.push(["past the global queue bound", async () => {
    const crowd = await Promise.all(Array.from({ length: 6 }, (_, i) => learner(`crowd-${i}`)));
    const source = ctx.reference["running-total"];
    const sends = crowd.flatMap((who) => Array.from({ length: 5 }, () => postSubmission(base, who, "running-total", source).then((a) => ({ who, a }))));
    const answers = await Promise.all(sends);
    const full = answers.filter(({ a }) => a.status === 503 && codeOf(a) === "QUEUE_FULL");
    const accepted = answers.filter(({ a }) => a.status === 202).map(({ who, a }) => ({ who, id: a.body.id }));
    for (const { who } of full) {
      const id = await submitUntilAccepted(base, who, "running-total", source, ctx.refusals, ctx.stopAt());
      if (id !== undefined) accepted.push({ who, id });
    }
    for (const { who, id } of accepted) ctx.track(id, who, "pass");
    const statuses = await Promise.all(accepted.map(({ who, id }) => finalVerdict(base, who, id, ctx.graceDeadline())));
    const wrong = statuses.filter((s) => s !== "pass").length;
    const retryAfter = full.every(({ a }) => a.retryAfter !== null);
    const others = answers.filter(({ a }) => a.status !== 202 && !(a.status === 503 && codeOf(a) === "QUEUE_FULL")).map(({ a }) => a.status);
    return { ok: full.length > 0 && retryAfter && wrong === 0, detail: `30 at once: ${answers.length - full.length - others.length} accepted, ${full.length}x503 QUEUE_FULL (Retry-After on all: ${retryAfter}), other ${others.join(",") || "none"}; after retries ${accepted.length} graded, ${wrong} not pass` };
  }]);

  list.push(["retried submit, same Idempotency-Key", async () => {
    const who = await learner("retrier");
    const key = randomBytes(16).toString("hex");
    const source = ctx.reference["running-total"];
    const first = await postSubmission(base, who, "running-total", source, { "idempotency-key": key });
    const again = await postSubmission(base, who, "running-total", source, { "idempotency-key": key });
    if (first.status !== 202) return { ok: first.status === 503 || first.status === 429, detail: `first send answered ${first.status}` };
    ctx.track(first.body.id, who, "pass");
    const status = await finalVerdict(base, who, first.body.id, ctx.graceDeadline());
    return { ok: again.status === 200 && again.body.id === first.body.id && again.replayed && status === "pass", detail: `202 then ${again.status}, same id ${again.body.id === first.body.id}, verdict ${status}` };
  }]);
  return list;
}
