import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, linkSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyAppFolder } from "../../src/grading/project/copy-app.js";
import { sqliteHostPath } from "../../src/grading/project/sqlite-query.js";
import { detectFramework, resolveAppCommands } from "../../src/grading/project/framework.js";
import { loadProject } from "../../src/content/project.js";
import { RoadworkError } from "../../src/errors.js";
import { PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";

const dirs = tempDir("safety");
let count = 0;
const fresh = (): string => {
  const path = join(dirs.path, `d${++count}`);
  mkdirSync(path);
  return path;
};

after(() => dirs.remove());

void describe("copying the learner's folder", () => {
  void it("copies regular files and leaves out links, hard links and virtualenvs", () => {
    const secret = join(fresh(), "secret.txt");
    writeFileSync(secret, "not yours");
    const source = writeTree(fresh(), { "app.py": "print(1)\n", "pkg/mod.py": "x = 1\n", ".venv/lib/big.py": "y\n" });
    symlinkSync(secret, join(source, "link.txt"));
    linkSync(secret, join(source, "hard.txt"));
    const target = join(fresh(), "copy");
    const outcome = copyAppFolder(source, target);
    assert.deepEqual(readdirSync(target).sort(), ["app.py", "pkg"]);
    assert.deepEqual(outcome.skipped.sort(), ["hard.txt", "link.txt"]);
    assert.equal(outcome.files, 2);
  });

  void it("refuses a folder with too many files", () => {
    const source = writeTree(fresh(), Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.py`, "\n"])));
    assert.throws(() => copyAppFolder(source, join(fresh(), "copy"), { maxFiles: 10, maxBytes: 1e6, maxDepth: 4 }), (e: unknown) => e instanceof RoadworkError && /more than 10 files/.test(e.message));
  });
});

void describe("which file sqlite:////data/app.db names on the host", () => {
  void it("maps only paths under the data folder", () => {
    assert.equal(sqliteHostPath("sqlite:////data/app.db", "/data", "/host/data"), "/host/data/app.db");
    assert.equal(sqliteHostPath("sqlite:////etc/app.db", "/data", "/host/data"), undefined);
    assert.equal(sqliteHostPath("sqlite:////data/../etc/x.db", "/data", "/host/data"), undefined);
    assert.equal(sqliteHostPath("postgresql://x/y", "/data", "/host/data"), undefined);
  });
});

void describe("telling the framework", () => {
  const project = loadProject(writeTree(join(dirs.path, "proj"), PROJECT_FILES));

  void it("detects Django, FastAPI and Flask from the files", () => {
    assert.equal(detectFramework(writeTree(fresh(), { "manage.py": "" })), "django");
    assert.equal(detectFramework(writeTree(fresh(), { "app.py": "from fastapi import FastAPI\napp = FastAPI()\n" })), "fastapi");
    assert.equal(detectFramework(writeTree(fresh(), { "app.py": "from flask import Flask\napp = Flask(__name__)\n" })), "flask");
    assert.equal(detectFramework(writeTree(fresh(), { "x.py": "" })), undefined);
  });

  void it("takes roadwork.yaml's start command, with python mapped to /usr/bin/python3", async () => {
    const dir = writeTree(fresh(), { "roadwork.yaml": "framework: flask\nstart: python serve.py --port {PORT}\n" });
    assert.deepEqual(await resolveAppCommands(dir, project), { framework: "flask", start: ["/usr/bin/python3", "serve.py", "--port", "{PORT}"], setup: [] });
  });

  void it("refuses a framework the project does not offer", async () => {
    const dir = writeTree(fresh(), { "manage.py": "" });
    await assert.rejects(resolveAppCommands(dir, project), /offered in flask, not django/);
  });

  void it("says what is wrong in roadwork.yaml", async () => {
    const dir = writeTree(fresh(), { "roadwork.yaml": "framework: rails\n" });
    await assert.rejects(resolveAppCommands(dir, project), (e: unknown) => e instanceof RoadworkError && /roadwork\.yaml: framework/.test(e.message));
    assert.ok(existsSync(dir));
  });
});
