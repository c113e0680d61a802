/**
 * Helpers shared by the stages of the lending library (not a stage itself). Each turns a
 * wrong answer into t.fail() with what was sent, what was expected and what came back.
 */
import type { StageContext, StageRequest, StageResponse, StatementCount } from "../../../../../src/grading/project/stage-api.js";

export type Json = Record<string, unknown>;

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

/** Fails unless the app answers `status` with {"error": "<a sentence>"}. */
export async function expectError(t: StageContext, req: StageRequest, status: number): Promise<Json> {
  const res = await expectStatus(t, req, status);
  const body = res.json;
  if (!isObject(body) || typeof body.error !== "string" || body.error.trim() === "") {
    t.fail(`${req.method} ${req.path} answered ${status} as expected, but the body is not {"error": "<what went wrong>"}.`, { request: req, response: res, expected: '{"error": "<a sentence>"}' });
  }
  return body;
}

/** A list under `key` of the response's JSON object. */
export function listOf(t: StageContext, body: Json, key: string, req: StageRequest): Json[] {
  const list = body[key];
  if (!Array.isArray(list) || !list.every(isObject)) t.fail(`${req.method} ${req.path}: "${key}" is not a list of objects.`, { request: req, expected: `{"${key}": [{...}, ...]}` });
  return list as Json[];
}

/** 13 digits, unique in the run. */
let isbnCounter = 0;
export function newIsbn(): string {
  isbnCounter += 1;
  const stamp = (Date.now() % 1_000_000_000).toString().padStart(9, "0");
  return `9${stamp}${(isbnCounter % 1000).toString().padStart(3, "0")}`;
}

export async function createAuthor(t: StageContext, name: string): Promise<number> {
  const req = { method: "POST", path: "/authors", json: { name } };
  const body = await expectJson(t, req, 201);
  if (typeof body.id !== "number") t.fail("POST /authors answered 201, but without a numeric id.", { request: req, expected: '{"id": 1, "name": "..."}' });
  return body.id;
}

export async function createBook(t: StageContext, fields: { title: string; copies?: number; authorIds?: number[]; isbn?: string }): Promise<Json & { id: number }> {
  const json: Json = { title: fields.title, isbn: fields.isbn ?? newIsbn(), copies: fields.copies ?? 1 };
  if (fields.authorIds !== undefined) json.author_ids = fields.authorIds;
  const req = { method: "POST", path: "/books", json };
  const body = await expectJson(t, req, 201);
  if (typeof body.id !== "number") t.fail("POST /books answered 201, but without a numeric id.", { request: req, expected: '{"id": 1, "title": "...", ...}' });
  return body as Json & { id: number };
}

export async function createMember(t: StageContext, name: string): Promise<number> {
  const req = { method: "POST", path: "/members", json: { name, email: `${name.toLowerCase()}@example.com` } };
  const body = await expectJson(t, req, 201);
  if (typeof body.id !== "number") t.fail("POST /members answered 201, but without a numeric id.", { request: req, expected: '{"id": 1, "name": "...", "email": "..."}' });
  return body.id;
}

/** The statements a request ran, listed for a learner: the most run first. */
export function describeStatements(counted: StatementCount<unknown>): string {
  const lines = counted.statements.slice(0, 6).map((s) => `  ${s.calls} x ${s.query.replace(/\s+/g, " ").slice(0, 160)}`);
  if (counted.statements.length > 6) lines.push(`  ... and ${counted.statements.length - 6} more`);
  return lines.join("\n");
}

/** Sends req and fails unless the app's database ran at most `budget` statements for it. */
export async function withinBudget(t: StageContext, req: StageRequest, status: number, budget: number): Promise<Json> {
  const counted = await t.countStatements(() => expectJson(t, req, status));
  if (counted.count > budget) {
    t.fail(
      `${req.method} ${req.path} ran ${counted.count} SQL statements; at most ${budget} may run, however many rows it returns. ` +
        `A statement run once per row is the N+1 problem: load the related rows of every book at once (a join, or one IN (...) query). What ran:\n${describeStatements(counted)}`,
      { request: req, expected: `at most ${budget} statements` },
    );
  }
  return counted.value;
}
