import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { zipSync } from "fflate";
import { buildTestApp, multipart, signUp, tarGz, type Client, type TestApp } from "./helpers.js";
import { safeEntryPath, unpackArchive } from "../../src/archive/unpack.js";
import { isRoadworkError } from "../../src/errors.js";

const app = { "app.py": new TextEncoder().encode("from flask import Flask\napp = Flask(__name__)\n"), "requirements.txt": new TextEncoder().encode("flask\n") };

/** A zip whose single entry is a symbolic link (Unix mode 0120777 in the external attributes). */
function zipWithSymlink(): Uint8Array {
  return zipSync({ "link-to-passwd": [new TextEncoder().encode("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
}

void describe("project uploads", () => {
  let t: TestApp;
  let ada: Client;
  before(async () => {
    // Many refused uploads in a row here: the limit on refusals (upload-abuse.test.ts) stays out of the way.
    t = await buildTestApp({ config: { limits: { uploadBytes: 64 * 1024, archiveFiles: 20, archiveUnpackedBytes: 256 * 1024, rejectedUploads: 1000 } } });
    ada = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  async function upload(client: Client, filename: string, data: Uint8Array, project = "tiny-api") {
    const body = multipart("archive", filename, data);
    return t.app.inject({ method: "POST", url: `/api/projects/${project}/submissions`, headers: { ...client.headers, ...body.headers }, payload: body.payload });
  }

  /** What a grading worker gets: the stored archive, unpacked again with the same checks. */
  async function unpackStored(id: string): Promise<{ files: string[]; dir: string }> {
    const archive = await t.store.submissions.archiveOf(id);
    assert.ok(archive !== null, "the archive is stored with the submission");
    const dir = mkdtempSync(join(tmpdir(), "roadwork-projects-test-"));
    await unpackArchive(archive, join(dir, "app"), { maxFiles: 20, maxUnpackedBytes: 256 * 1024 });
    return { files: readdirSync(join(dir, "app")).sort(), dir };
  }

  void it("should accept a .zip, check it, store it in the database and queue the submission", async () => {
    const zip = zipSync({ "my-app/app.py": app["app.py"], "my-app/requirements.txt": app["requirements.txt"], "my-app/templates/": new Uint8Array() });
    const response = await upload(ada, "my-app.zip", zip);
    assert.equal(response.statusCode, 202, response.body);
    const row = await t.store.submissions.byId(response.json().id);
    assert.equal(row?.item_kind, "project");
    // Nothing on the server's disk: a worker elsewhere needs only the database.
    assert.equal(row.archive_path, null);
    assert.equal(existsSync(join(t.config.dataDir, "uploads")), false);
    assert.equal(Buffer.compare((await t.store.submissions.archiveOf(row.id))!, Buffer.from(zip)), 0);
    const unpacked = await unpackStored(row.id);
    assert.deepEqual(unpacked.files, ["app.py", "requirements.txt"]);
    assert.match(readFileSync(join(unpacked.dir, "app", "app.py"), "utf8"), /Flask/);
    rmSync(unpacked.dir, { recursive: true, force: true });
    const history = await t.app.inject({ method: "GET", url: "/api/projects/tiny-api/submissions", headers: { cookie: ada.cookie } });
    assert.equal(history.json().submissions.length, 1);
  });

  void it("should accept a .tar.gz", async () => {
    const response = await upload(ada, "app.tar.gz", tarGz([{ name: "app/", type: "5" }, { name: "app/app.py", data: "print(1)\n" }, { name: "app/README.md", data: "hi" }]));
    assert.equal(response.statusCode, 202, response.body);
    const unpacked = await unpackStored(response.json<{ id: string }>().id);
    assert.deepEqual(unpacked.files, ["README.md", "app.py"]);
    rmSync(unpacked.dir, { recursive: true, force: true });
  });

  void it("should refuse an upload over the size limit with 413", async () => {
    const response = await upload(ada, "huge.zip", randomBytes(65 * 1024));
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, "PAYLOAD_TOO_LARGE");
  });

  void it("should refuse a zip with a path that climbs out with ..", async () => {
    const before = readdirSync(t.dir);
    const response = await upload(ada, "evil.zip", zipSync({ "../../escaped.txt": new TextEncoder().encode("x") }));
    assert.equal(response.statusCode, 400);
    assert.match(response.json().error.message, /\.\./);
    assert.equal(existsSync(join(t.dir, "escaped.txt")), false);
    assert.deepEqual(readdirSync(t.dir), before);
  });

  void it("should refuse a tar.gz with an absolute path, a symlink or a hard link", async () => {
    for (const [entries, pattern] of [
      [[{ name: "/etc/cron.d/evil", data: "x" }], /absolute/],
      [[{ name: "app/link", type: "2" as const, linkname: "/etc/passwd" }], /link/],
      [[{ name: "app/hard", type: "1" as const, linkname: "/etc/shadow" }], /link/],
      [[{ name: "app/../../x", data: "x" }], /\.\./],
    ] as const) {
      const response = await upload(ada, "evil.tar.gz", tarGz([...entries]));
      assert.equal(response.statusCode, 400, JSON.stringify(entries));
      assert.match(response.json().error.message, pattern);
    }
  });

  void it("should refuse a zip holding a symbolic link", async () => {
    const response = await upload(ada, "link.zip", zipWithSymlink());
    assert.equal(response.statusCode, 400);
    assert.match(response.json().error.message, /symbolic link/);
  });

  void it("should store nothing for a refused archive", async () => {
    const before = await t.store.submissions.history(ada.user.id, "tiny-api");
    const response = await upload(ada, "twice.tar.gz", tarGz([{ name: "a.py", data: "1" }, { name: "a.py", data: "2" }]));
    assert.equal(response.statusCode, 400);
    assert.match(response.json().error.message, /listed twice/);
    const afterwards = await t.store.submissions.history(ada.user.id, "tiny-api");
    assert.equal(afterwards.length, before.length);
  });

  void it("should refuse an archive that unpacks past the limit (a zip bomb) with 413", async () => {
    const bomb = zipSync({ "zeros.bin": new Uint8Array(300 * 1024) }, { level: 9 });
    assert.ok(bomb.length < 64 * 1024);
    const response = await upload(ada, "bomb.zip", bomb);
    assert.equal(response.statusCode, 413);
    assert.match(response.json().error.message, /unpacks to more than/);
  });

  void it("should refuse an archive with too many files with 413", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 21; i++) files[`f${i}.txt`] = new Uint8Array([65]);
    const response = await upload(ada, "many.zip", zipSync(files));
    assert.equal(response.statusCode, 413);
    assert.match(response.json().error.message, /more than 20 files/);
  });

  void it("should refuse something that is not an archive, and a request that is not multipart", async () => {
    const notArchive = await upload(ada, "app.py", new TextEncoder().encode("print('hi')"));
    assert.equal(notArchive.statusCode, 400);
    assert.match(notArchive.json().error.message, /neither a \.zip nor a \.tar\.gz/);
    const json = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: ada.headers, payload: { archive: "x" } });
    assert.equal(json.statusCode, 400);
  });

  void it("should fail with 403 without the CSRF token and 401 without a session", async () => {
    const body = multipart("archive", "a.zip", zipSync({ "a.py": new Uint8Array([1]) }));
    const forged = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { cookie: ada.cookie, ...body.headers }, payload: body.payload });
    assert.equal(forged.statusCode, 403);
    const anonymous = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: body.headers, payload: body.payload });
    assert.equal(anonymous.statusCode, 401);
  });
});

void describe("archive entry names", () => {
  void it("should normalise harmless names and refuse dangerous ones", () => {
    assert.equal(safeEntryPath("./app/./main.py"), "app/main.py");
    for (const name of ["/abs", "C:/x", "a/../../b", "..", "a\\b", "a\0b", "./"]) {
      assert.throws(() => safeEntryPath(name), (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT", name);
    }
  });

  // Regression: `tar czf project.tgz .` (and `roadwork submit` of a folder) starts with "./".
  void it("should accept a tar.gz whose first entry is the folder itself, ./", async () => {
    const dest = mkdtempSync(join(tmpdir(), "roadwork-archive-"));
    try {
      const tar = tarGz([{ name: "./", type: "5" }, { name: "./app.py", data: "print(1)" }, { name: "./pkg/", type: "5" }, { name: "./pkg/m.py", data: "" }]);
      const unpacked = await unpackArchive(tar, join(dest, "out"), { maxFiles: 10, maxUnpackedBytes: 1000 });
      assert.equal(unpacked.files, 2);
      assert.equal(readFileSync(join(dest, "out", "app.py"), "utf8"), "print(1)");
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });

  void it("should refuse a name listed twice instead of overwriting", async () => {
    const dest = mkdtempSync(join(tmpdir(), "roadwork-archive-"));
    try {
      const tar = tarGz([{ name: "a.py", data: "1" }, { name: "a.py", data: "2" }]);
      await assert.rejects(unpackArchive(tar, join(dest, "out"), { maxFiles: 10, maxUnpackedBytes: 1000 }), /listed twice/);
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });
});
