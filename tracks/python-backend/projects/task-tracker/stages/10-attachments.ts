/**
 * Stage 10: file attachments. POST /tasks/{id}/attachments (multipart, field "file") stores
 * a file of at most 1 MiB and of an allowed type; GET /tasks/{id}/attachments/{aid} returns
 * the same bytes with the same Content-Type. Only the task's owner may do either.
 */
import type { StageContext, StageRequest } from "../../../../../src/grading/project/stage-api.js";
import { expectError, expectJson, expectStatus, isObject, signUpAndLogIn, type Json, type SignedIn } from "./support.js";

const MIB = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function upload(taskId: unknown, auth: SignedIn | undefined, filename: string, contentType: string, data: Buffer): StageRequest {
  return {
    method: "POST",
    path: `/tasks/${String(taskId)}/attachments`,
    headers: auth ? auth.headers : {},
    multipart: [{ name: "file", filename, contentType, data }],
  };
}

export default async function stage(t: StageContext): Promise<void> {
  let owner: SignedIn | undefined;
  let task: Json | undefined;
  let note: Json | undefined;

  await t.check("uploading a text file gives 201 with the attachment's details", async () => {
    owner = await signUpAndLogIn(t, "hedy");
    task = await expectJson(t, { method: "POST", path: "/tasks", headers: owner.headers, json: { title: "Tax return" } }, 201);
    const data = Buffer.from(`Receipts for ${t.unique("note")}\n`);
    const req = upload(task.id, owner, "receipts.txt", "text/plain", data);
    note = await expectJson(t, req, 201);
    const expected = { task_id: task.id, filename: "receipts.txt", content_type: "text/plain", size: data.length };
    if (!Number.isInteger(note.id) || Object.entries(expected).some(([key, value]) => note?.[key] !== value)) {
      t.fail("The reply does not describe the attachment.", { request: { ...req, multipart: [] }, expected: JSON.stringify({ id: "<integer>", ...expected }) });
    }
    await expectSameFile(t, `/tasks/${String(task.id)}/attachments/${String(note.id)}`, owner, data, "text/plain");
  });

  await t.check("a binary PNG comes back byte for byte, with its Content-Type", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    const bytes = Buffer.concat([PNG_SIGNATURE, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))]);
    const image = await expectJson(t, upload(task.id, owner, "chart.png", "image/png", bytes), 201);
    await expectSameFile(t, `/tasks/${String(task.id)}/attachments/${String(image.id)}`, owner, bytes, "image/png");
  });

  await t.check("a file of exactly 1 MiB is accepted; one byte more gives 413", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    await expectJson(t, upload(task.id, owner, "big.txt", "text/plain", Buffer.alloc(MIB, "a")), 201);
    await expectError(t, upload(task.id, owner, "too-big.txt", "text/plain", Buffer.alloc(MIB + 1, "a")), 413, "payload_too_large");
  });

  await t.check("a type outside text/plain, image/png, image/jpeg and application/pdf gives 415", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    await expectError(t, upload(task.id, owner, "page.html", "text/html", Buffer.from("<script>alert(1)</script>")), 415, "unsupported_media_type");
    await expectError(t, upload(task.id, owner, "setup.exe", "application/x-msdownload", Buffer.from("MZ")), 415, "unsupported_media_type");
  });

  await t.check("the type is the one the client declared, not a guess from the file name", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    await expectError(t, upload(task.id, owner, "invoice.txt", "text/html", Buffer.from("<script>alert(1)</script>")), 415, "unsupported_media_type");
  });

  await t.check("two attachments with the same file name keep their own bytes", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    const first = Buffer.from(`first copy ${t.unique("same")}\n`);
    const second = Buffer.from(`second copy, longer ${t.unique("same")}\n`);
    const one = await expectJson(t, upload(task.id, owner, "same-name.txt", "text/plain", first), 201);
    const otherTask = await expectJson(t, { method: "POST", path: "/tasks", headers: owner.headers, json: { title: "Same name" } }, 201);
    const two = await expectJson(t, upload(otherTask.id, owner, "same-name.txt", "text/plain", second), 201);
    await expectSameFile(t, `/tasks/${String(task.id)}/attachments/${String(one.id)}`, owner, first, "text/plain");
    await expectSameFile(t, `/tasks/${String(otherTask.id)}/attachments/${String(two.id)}`, owner, second, "text/plain");
  });

  await t.check("a request without a file field gives 422 naming the field file", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    const req: StageRequest = { method: "POST", path: `/tasks/${String(task.id)}/attachments`, headers: owner.headers, multipart: [{ name: "note", value: "no file here" }] };
    const body = await expectError(t, req, 422, "validation_failed");
    if (!isObject(body.fields) || typeof body.fields.file !== "string") {
      t.fail("The 422 reply must name the field \"file\" in \"fields\".", { request: req, expected: '{"error": "validation_failed", "message": "...", "fields": {"file": "is required"}}' });
    }
  });

  await t.check("the file name keeps no folders: ../../notes.txt is stored as notes.txt", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    const sneaky = await expectJson(t, upload(task.id, owner, "../../notes.txt", "text/plain", Buffer.from("hello")), 201);
    if (sneaky.filename !== "notes.txt") {
      t.fail(`The attachment's filename is ${JSON.stringify(sneaky.filename)}. Keep only the part after the last / or \\, so that no client can choose where a file goes.`, { expected: '"filename": "notes.txt"' });
    }
  });

  await t.check("only the task's owner may upload or download: 401 without a token, 403 for others", async () => {
    if (!owner || !task || !note) t.fail("skipped: there is no attachment to protect (see the first check).");
    const path = `/tasks/${String(task.id)}/attachments/${String(note.id)}`;
    await expectError(t, { method: "GET", path }, 401, "unauthorized");
    await expectError(t, upload(task.id, undefined, "x.txt", "text/plain", Buffer.from("x")), 401, "unauthorized");
    const stranger = await signUpAndLogIn(t, "mallory");
    await expectError(t, { method: "GET", path, headers: stranger.headers }, 403, "forbidden");
    await expectError(t, upload(task.id, stranger, "x.txt", "text/plain", Buffer.from("x")), 403, "forbidden");
  });

  await t.check("unknown tasks and attachments give 404", async () => {
    if (!owner || !task) t.fail("skipped: the task could not be created (see the first check).");
    await expectError(t, upload(999999999, owner, "x.txt", "text/plain", Buffer.from("x")), 404, "not_found");
    await expectError(t, { method: "GET", path: `/tasks/${String(task.id)}/attachments/999999999`, headers: owner.headers }, 404, "not_found");
    const otherTask = await expectJson(t, { method: "POST", path: "/tasks", headers: owner.headers, json: { title: "Another task" } }, 201);
    if (note) {
      await expectError(t, { method: "GET", path: `/tasks/${String(otherTask.id)}/attachments/${String(note.id)}`, headers: owner.headers }, 404, "not_found");
    }
  });
}

async function expectSameFile(t: StageContext, path: string, auth: SignedIn, data: Buffer, contentType: string): Promise<void> {
  const req = { method: "GET", path, headers: auth.headers };
  const res = await expectStatus(t, req, 200);
  if (!res.body.equals(data)) {
    t.fail(`GET ${path} returned ${res.body.length} bytes that differ from the ${data.length} bytes uploaded.`, { request: req, expected: "the uploaded bytes, unchanged" });
  }
  const type = (res.headers["content-type"] ?? "").split(";")[0]?.trim();
  if (type !== contentType) {
    t.fail(`GET ${path} answered with Content-Type "${res.headers["content-type"] ?? ""}".`, { request: req, response: res, expected: `Content-Type: ${contentType}` });
  }
}
