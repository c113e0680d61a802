/**
 * Helpers shared by the TypeScript stages of the task tracker (not a stage itself).
 * Each helper turns a wrong answer into a t.fail() with what was sent, what was expected
 * and what came back, so a failing check reads like a Hurl failure.
 */
import { createHash } from "node:crypto";
import type { StageContext, StageRequest, StageResponse } from "../../../../../src/grading/project/stage-api.js";

export type Json = Record<string, unknown>;

/** Sends req and fails the check unless the app answers with `status`. */
export async function expectStatus(t: StageContext, req: StageRequest, status: number): Promise<StageResponse> {
  const res = await t.request(req);
  if (res.status !== status) {
    t.fail(`${req.method} ${req.path} answered ${res.status}; expected ${status}.`, {
      request: req,
      response: res,
      expected: `status ${status}`,
    });
  }
  return res;
}

/** Like expectStatus, and the body must be a JSON object, which it returns. */
export async function expectJson(t: StageContext, req: StageRequest, status: number): Promise<Json> {
  const res = await expectStatus(t, req, status);
  if (!isObject(res.json)) {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but its body is not a JSON object.`, {
      request: req,
      response: res,
      expected: "a JSON object",
    });
  }
  return res.json;
}

/** Fails unless the app answers `status` with {"error": code, "message": "...", ...}. */
export async function expectError(t: StageContext, req: StageRequest, status: number, code: string): Promise<Json> {
  const res = await expectStatus(t, req, status);
  const body = res.json;
  if (!isObject(body) || body.error !== code || typeof body.message !== "string") {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but the body is not the error it should be.`, {
      request: req,
      response: res,
      expected: `{"error": "${code}", "message": "<a sentence>"}`,
    });
  }
  return body;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A user signed up and logged in, with the header that authenticates them. */
export interface SignedIn {
  email: string;
  password: string;
  token: string;
  headers: Record<string, string>;
}

/** Signs up and logs in a new user; fails the check if either step does not work. */
export async function signUpAndLogIn(t: StageContext, name: string): Promise<SignedIn> {
  const email = `${t.unique(name)}@example.com`.toLowerCase();
  const password = `${t.unique("pw")} Correct Horse`;
  await expectJson(t, { method: "POST", path: "/users", json: { email, password } }, 201);
  const login = await expectJson(t, { method: "POST", path: "/login", json: { email, password } }, 200);
  if (typeof login.token !== "string" || login.token === "") {
    t.fail("POST /login answered 200 but without a token.", { expected: '{"token": "<a string>"}' });
  }
  return { email, password, token: login.token, headers: { Authorization: `Bearer ${login.token}` } };
}

/**
 * The headers that authenticate requests to /tasks, for stages written before
 * authorization exists: a real token once the app has users (stage 7 and later),
 * nothing before that. Never fails.
 */
export async function optionalAuth(t: StageContext): Promise<Record<string, string>> {
  const email = `${t.unique("tester")}@example.com`.toLowerCase();
  const password = "correct horse battery staple";
  try {
    await t.request({ method: "POST", path: "/users", json: { email, password } });
    const login = await t.request({ method: "POST", path: "/login", json: { email, password } });
    if (login.status === 200 && isObject(login.json) && typeof login.json.token === "string") {
      return { Authorization: `Bearer ${login.json.token}` };
    }
  } catch {
    // An app without users may even drop the connection; then tasks need no token.
  }
  return {};
}

/** The name of every table in the app's database (SQLite or PostgreSQL). */
export async function tableNames(t: StageContext): Promise<string[]> {
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await t.query("SELECT name FROM sqlite_master WHERE type = 'table'");
  } catch {
    rows = await t.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
  }
  return rows.map((row) => String(row.name)).filter((name) => !name.startsWith("sqlite_"));
}

/** Every row, in any table, that has a column whose text contains `needle`. */
export async function rowsContaining(t: StageContext, needle: string): Promise<Array<{ table: string; row: Json }>> {
  const found: Array<{ table: string; row: Json }> = [];
  for (const table of await tableNames(t)) {
    const rows = await t.query(`SELECT * FROM "${table.replaceAll('"', '""')}"`);
    for (const row of rows) {
      if (Object.values(row).some((value) => cellText(value).includes(needle))) found.push({ table, row });
    }
  }
  return found;
}

/** A database value as text (Buffers as UTF-8), so a search can look inside it. */
export function cellText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}

/**
 * Whether `stored` holds one round of MD5 or SHA over salt + password or password + salt,
 * for a salt found in it: the pieces between $ : . , ; | are tried as text, hex and base64.
 */
export function fastSaltedHashes(stored: string, password: string): boolean {
  const pieces = stored.split(/[$:.,;|]/).filter((piece) => piece !== "");
  const salts = pieces.flatMap((piece) => {
    const candidates = [Buffer.from(piece, "utf8")];
    if (/^(?:[0-9a-fA-F]{2})+$/.test(piece)) candidates.push(Buffer.from(piece, "hex"));
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(piece)) candidates.push(Buffer.from(piece, "base64"));
    return candidates;
  });
  const secret = Buffer.from(password, "utf8");
  for (const salt of salts) {
    for (const algorithm of ["md5", "sha1", "sha256", "sha512"]) {
      for (const input of [Buffer.concat([salt, secret]), Buffer.concat([secret, salt])]) {
        const digest = createHash(algorithm).update(input).digest();
        const forms = [digest.toString("hex"), digest.toString("base64"), digest.toString("base64url")];
        if (forms.some((form) => stored.includes(form))) return true;
      }
    }
  }
  return false;
}

/** Hashes of `text` made without salt, in hex, base64 and base64url: what a secret must not be. */
export function plainDigests(text: string): string[] {
  return ["md5", "sha1", "sha256", "sha512"].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(text).digest();
    return [digest.toString("hex"), digest.toString("base64"), digest.toString("base64url")];
  });
}

/** Hashes of `password` made without salt, in hex and base64: what a stored hash must not be. */
export function unsaltedHashes(password: string): string[] {
  return ["md5", "sha1", "sha256", "sha512"].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(password).digest();
    return [digest.toString("hex"), digest.toString("base64")];
  });
}

/**
 * How long a worker of a busy machine may take to accept a connection that is held open,
 * when the server does not say so itself (see taken).
 */
const HELD_TAKEN_MS = 400;

/**
 * Resolves once a worker has taken the request `send` starts: when the server answers
 * `100 Continue` (gunicorn does as soon as a worker has read the headers), or after
 * `boundMs` from a server that does not.
 */
export async function taken(send: (onContinue: () => void) => void, boundMs = HELD_TAKEN_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, boundMs);
    send(resolve);
  });
  clearTimeout(timer);
}

/**
 * Runs the steps so that two in a row reach different worker processes when the server's
 * workers take one request at a time (gunicorn's sync workers): while a step runs, a POST
 * /tasks whose body is held back keeps the other worker busy. Sequential requests alone do
 * not spread: the worker that answered last usually takes the next connection too. A held
 * request is released only once the next one has been taken by the other worker, so the
 * freed worker cannot take it. Async workers (uvicorn) are not constrained by this; the
 * steps run all the same.
 */
export async function alternateWorkers(t: StageContext, headers: Record<string, string>, steps: Array<() => Promise<void>>): Promise<void> {
  const held: Array<() => void> = [];
  const hold = async (): Promise<() => Promise<void>> => {
    let release: () => void = () => undefined;
    const body = new Promise<void>((resolve) => (release = resolve));
    held.push(release);
    const req = { method: "POST", path: "/tasks", headers, json: { title: `Held open ${t.unique("held")}` } };
    let answer: Promise<StageResponse | Error> = Promise.resolve(new Error("not sent"));
    await taken((onContinue) => {
      answer = t.request({ ...req, holdBody: body, onContinue }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    });
    return async () => {
      release();
      const res = await answer;
      if (res instanceof Error || res.status !== 201) {
        t.fail(`A POST /tasks whose body came slowly (held open to keep one worker busy) got ${res instanceof Error ? `no answer: ${res.message}` : `${res.status}`}.`, { request: req, expected: "status 201" });
      }
    };
  };
  try {
    let releaseHeld = await hold();
    for (const step of steps) {
      await step();
      const next = await hold();
      await releaseHeld();
      releaseHeld = next;
    }
    await releaseHeld();
  } finally {
    // A step that failed leaves no worker waiting for a body that never comes.
    for (const release of held) release();
  }
}
