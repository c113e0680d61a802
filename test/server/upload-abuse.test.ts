/**
 * Uploads meant to hurt the server: zip bombs (one 1 GiB entry of zeros in a 1 MiB .zip,
 * honest about its size or lying about it) and a learner who keeps sending them. The bomb
 * goes through the real server (`roadwork serve` in its own process) while another client
 * asks /healthz; the verdicts are the answers, the polls answered and the server's peak
 * memory, never how long anything took.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { isRoadworkError } from "../../src/errors.js";
import { unpackArchive } from "../../src/archive/unpack.js";
import { startServer, type RunningServer } from "../browser/server.js";
import { buildTestApp, multipart, signUp, type TestApp } from "./helpers.js";
import { zipBomb } from "./zip-bomb.js";

const MiB = 1024 * 1024;
const LIMITS = { maxFiles: 2000, maxUnpackedBytes: 50 * MiB };
/** What unpacking a bomb may add to the server's peak memory: the old code took the whole GiB. */
const PEAK_MEMORY_GROWTH_BOUND = 300 * MiB;

function peakMemory(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  assert.ok(kib !== undefined, `no VmHWM for process ${pid}`);
  return Number(kib) * 1024;
}

/** Asks GET /healthz one poll after another until `until` settles; every answer's status. */
async function pollHealth(base: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const statuses: number[] = [];
  while (!done) {
    const response = await fetch(new URL("healthz", base));
    await response.arrayBuffer();
    if (!done) statuses.push(response.status);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return statuses;
}

void describe("a zip bomb uploaded to the real server", () => {
  let server: RunningServer;
  let dataDir: string;
  let headers: Record<string, string>;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "roadwork-bomb-"));
    server = await startServer(dataDir, ["--workers", "0"]);
    const signup = await fetch(new URL("/api/auth/signup", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bomber@example.org", name: "Bomber", password: "correct horse battery" }),
    });
    assert.equal(signup.status, 201);
    const cookie = /rw_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")?.[0] ?? "";
    headers = { cookie, "x-csrf-token": ((await signup.json()) as { csrfToken: string }).csrfToken };
    // One honest upload first, so that the unpacking thread's own start is in the baseline.
    const warm = await upload(zipSync({ "app.py": new TextEncoder().encode("print(1)\n") }));
    assert.equal(warm.status, 202, warm.body);
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(archive: Uint8Array): Promise<{ status: number; body: string }> {
    const form = new FormData();
    form.append("archive", new Blob([archive as Uint8Array<ArrayBuffer>], { type: "application/zip" }), "project.zip");
    const response = await fetch(new URL("/api/projects/task-tracker/submissions", server.url), { method: "POST", headers, body: form });
    return { status: response.status, body: await response.text() };
  }

  for (const [what, bomb, status, message] of [
    ["declares its 1 GiB", () => zipBomb({ mib: 1024 }), 413, /unpacks to more than 50 MiB/],
    ["declares 40 MiB and unpacks to 1 GiB", () => zipBomb({ mib: 1024, declaredBytes: 40 * MiB }), 400, /more than the 41943040 bytes it declares/],
  ] as const) {
    void it(`should refuse a bomb that ${what}, keep answering /healthz and keep its memory`, async () => {
      const archive = bomb();
      assert.ok(archive.length < 1.1 * MiB, "the bomb is about 1 MiB packed");
      const memoryBefore = peakMemory(server.pid);
      const answer = upload(archive);
      const [{ status: got, body }, health] = await Promise.all([answer, pollHealth(server.url, answer)]);
      assert.equal(got, status, body);
      assert.match(body, message);
      assert.ok(health.length >= 1, "/healthz was answered while the upload was handled");
      assert.deepEqual(new Set(health), new Set([200]), "every /healthz poll was answered 200");
      const growth = peakMemory(server.pid) - memoryBefore;
      assert.ok(growth < PEAK_MEMORY_GROWTH_BOUND, `the server's peak memory grew by ${Math.round(growth / MiB)} MiB`);
    });
  }
});

void describe("unpacking off the caller's thread", () => {
  void it("should keep the event loop turning while a bomb is inflated", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-unpack-"));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    try {
      const unpacking = unpackArchive(zipBomb({ mib: 1024, declaredBytes: 40 * MiB }), join(dir, "app"), LIMITS);
      await assert.rejects(unpacking, (error: unknown) => isRoadworkError(error) && (error.code === "BAD_INPUT" || error.code === "PAYLOAD_TOO_LARGE"));
      assert.ok(ticks > 0, "timers ran while the archive was being unpacked");
    } finally {
      clearInterval(ticker);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it("should refuse a bomb by the sizes it declares before inflating it, and stop one at the size it declared", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-unpack-"));
    try {
      await assert.rejects(unpackArchive(zipBomb({ mib: 1024 }), join(dir, "app"), LIMITS), (error: unknown) => isRoadworkError(error) && error.code === "PAYLOAD_TOO_LARGE");
      await assert.rejects(unpackArchive(zipBomb({ mib: 64, declaredBytes: 1024 }), join(dir, "app"), LIMITS), /declares/);
      // Within its word and the limits: unpacked whole.
      const fine = await unpackArchive(zipBomb({ mib: 8 }), join(dir, "app"), LIMITS);
      assert.deepEqual(fine, { format: "zip", files: 1, bytes: 8 * MiB });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

void describe("a learner whose uploads keep being refused", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { limits: { rejectedUploads: 2, rejectedUploadsWindowMs: 60_000 } } });
  });
  after(async () => {
    await t?.close();
  });

  void it("should answer 429 with Retry-After once their refusals reach the limit, and leave other learners alone", async () => {
    const bomber = await signUp(t.app);
    const other = await signUp(t.app);
    const send = (headers: Record<string, string>, data: Uint8Array) => {
      const body = multipart("archive", "project.zip", data);
      return t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { ...headers, ...body.headers }, payload: body.payload });
    };
    const bomb = zipBomb({ mib: 64 });
    for (let i = 0; i < 2; i++) assert.equal((await send(bomber.headers, bomb)).statusCode, 413);
    const good = zipSync({ "app.py": new TextEncoder().encode("print(1)\n") });
    const limited = await send(bomber.headers, good);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.equal(limited.json().error.code, "RATE_LIMITED");
    assert.match(limited.json().error.message, /2 of your uploads in the last minute were refused; .* upload again in 1 minute/);
    assert.ok(Number(limited.headers["retry-after"]) > 0);
    assert.equal((await send(other.headers, good)).statusCode, 202);
  });
});
