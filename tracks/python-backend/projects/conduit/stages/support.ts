/**
 * Helpers shared by the TypeScript stages of Conduit (not a stage itself). Each helper turns
 * a wrong answer into a t.fail() with what was sent, what was expected and what came back,
 * so a failing check reads like a Hurl failure. (The database helpers repeat the task
 * tracker's on purpose: a project folder stands alone, to be copied and adapted.)
 */
import { createHash, createHmac } from "node:crypto";
import type { StageContext, StageRequest, StageResponse } from "../../../../../src/grading/project/stage-api.js";

export type Json = Record<string, unknown>;

/**
 * The key project.yaml gives the app as JWT_SECRET (keep the two equal): with it the tests
 * check the app's signatures and sign tokens of their own.
 */
export const JWT_SECRET = "conduit-stage-tests-signing-key-7f3a9c";

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sends req and fails the check unless the app answers with `status`. */
export async function expectStatus(t: StageContext, req: StageRequest, status: number): Promise<StageResponse> {
  const res = await t.request(req);
  if (res.status !== status) {
    t.fail(`${req.method} ${req.path} answered ${res.status}; expected ${status}.`, { request: req, response: res, expected: `status ${status}` });
  }
  return res;
}

/** Like expectStatus, and the body must be a JSON object, which it returns. */
export async function expectJson(t: StageContext, req: StageRequest, status: number): Promise<Json> {
  const res = await expectStatus(t, req, status);
  if (!isObject(res.json)) {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but its body is not a JSON object.`, { request: req, response: res, expected: "a JSON object" });
  }
  return res.json;
}

/** The object under `key` of a reply ({"user": {...}}), or a failure. */
export async function expectWrapped(t: StageContext, req: StageRequest, status: number, key: string): Promise<Json> {
  const res = await expectStatus(t, req, status);
  const inner = isObject(res.json) ? res.json[key] : undefined;
  if (!isObject(inner)) {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but the body is not {"${key}": {...}}.`, { request: req, response: res, expected: `{"${key}": {...}}` });
  }
  return inner;
}

/** Fails unless the app answers `status` with {"errors": {key: [message, ...]}}. */
export async function expectError(t: StageContext, req: StageRequest, status: number, key: string, message: string): Promise<StageResponse> {
  const res = await expectStatus(t, req, status);
  const errors = isObject(res.json) ? res.json.errors : undefined;
  const messages = isObject(errors) ? errors[key] : undefined;
  if (!Array.isArray(messages) || messages[0] !== message) {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but not with the error it should be.`, {
      request: req,
      response: res,
      expected: JSON.stringify({ errors: { [key]: [message] } }),
    });
  }
  return res;
}

export function tokenHeader(token: string): Record<string, string> {
  return { Authorization: `Token ${token}` };
}

/** A user signed up through the API, with the header that authenticates them. */
export interface SignedUp {
  username: string;
  email: string;
  password: string;
  token: string;
  headers: Record<string, string>;
}

/** Signs up a new user (a unique name from `name`); fails the check if that does not work. */
export async function signUp(t: StageContext, name: string): Promise<SignedUp> {
  const username = t.unique(name);
  const email = `${username}@example.com`.toLowerCase();
  const password = `${t.unique("pw")} Correct Horse`;
  const user = await expectWrapped(t, { method: "POST", path: "/api/users", json: { user: { username, email, password } } }, 201, "user");
  if (typeof user.token !== "string" || user.token === "") {
    t.fail("POST /api/users answered 201 but without a token.", { expected: '{"user": {"token": "<a JWT>", ...}}' });
  }
  return { username, email, password, token: user.token, headers: tokenHeader(user.token) };
}

// ---------------------------------------------------------------- JWT

export function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** The three parts of a JWT, decoded; undefined when it is not one. */
export function decodeJwt(token: string): { header: Json; payload: Json; signature: Buffer; parts: string[] } | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] ?? "", "base64url").toString("utf8"));
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8"));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signature: Buffer.from(parts[2] ?? "", "base64url"), parts };
  } catch {
    // Not base64url JSON: not a JWT, which is what undefined says.
    return undefined;
  }
}

export function hs256(signingInput: string, key: string = JWT_SECRET): string {
  return createHmac("sha256", key).update(signingInput).digest("base64url");
}

/** A token signed with HS256, from the given header and payload. */
export function signJwt(payload: Json, key: string = JWT_SECRET, header: Json = { alg: "HS256", typ: "JWT" }): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${hs256(signingInput, key)}`;
}

// ---------------------------------------------------------------- the database

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

/** Every row of every table, read once, to search in memory. */
export async function allRows(t: StageContext): Promise<Array<{ table: string; row: Json }>> {
  const found: Array<{ table: string; row: Json }> = [];
  for (const table of await tableNames(t)) {
    for (const row of await t.query(`SELECT * FROM "${table.replaceAll('"', '""')}"`)) found.push({ table, row });
  }
  return found;
}

/** The rows that have a column whose text contains `needle`. */
export function containing(rows: Array<{ table: string; row: Json }>, needle: string): Array<{ table: string; row: Json }> {
  return rows.filter(({ row }) => Object.values(row).some((value) => cellText(value).includes(needle)));
}

/** A database value as text (Buffers as UTF-8), so a search can look inside it. */
export function cellText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}

/** Hashes of `password` made without salt, in hex and base64: what a stored hash must not be. */
export function unsaltedHashes(password: string): string[] {
  return ["md5", "sha1", "sha256", "sha512"].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(password).digest();
    return [digest.toString("hex"), digest.toString("base64")];
  });
}

/** Fails when some table stores `password` as typed or as an unsalted hash. */
export async function expectPasswordHidden(t: StageContext, password: string): Promise<void> {
  const rows = await allRows(t);
  const asTyped = containing(rows, password);
  if (asTyped.length > 0) {
    t.fail(`The table "${asTyped[0]?.table ?? ""}" stores the password as it was typed. Store a salted, slow hash instead (hashlib.pbkdf2_hmac, werkzeug.security.generate_password_hash or django.contrib.auth.hashers.make_password).`);
  }
  for (const hash of unsaltedHashes(password)) {
    const hashed = containing(rows, hash);
    if (hashed.length > 0) {
      t.fail(`The table "${hashed[0]?.table ?? ""}" holds an unsalted MD5 or SHA hash of the password: two users with the same password get the same hash, and such hashes are cracked in seconds. Use a salted, slow hash.`);
    }
  }
}
