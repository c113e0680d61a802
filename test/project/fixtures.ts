/**
 * Small projects and apps written into temp folders for the project tests: a two-stage
 * project (one Hurl stage, one TypeScript stage) and Flask apps that pass it, fail it, crash
 * or never listen.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

export const STAGE_API = join(dirname(fileURLToPath(import.meta.url)), "../../src/grading/project/stage-api.js");

export function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `roadwork-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const PROJECT_YAML = `id: notes
title: Notes API
frameworks:
  flask: { start: ["/usr/bin/python3", "-m", "flask", "--app", "app", "run", "--port", "{PORT}", "--no-reload"] }
stages:
  - { n: 1, slug: health, title: "Health check", instructions: stages/01.md, tests: stages/01-health.hurl }
  - { n: 2, slug: notes, title: "Notes that survive a restart", instructions: stages/02.md, tests: stages/02-notes.ts }
`;

export const PROJECT_FILES: Record<string, string> = {
  "project.yaml": PROJECT_YAML,
  "stages/01.md": "Answer GET /health.\n",
  "stages/02.md": "Store notes.\n",
  "stages/01-health.hurl": `# Stage 1: health.
# GET /health answers 200 with {"status": "ok"}.
GET {{base_url}}/health
HTTP 200
[Asserts]
jsonpath "$.status" == "ok"
`,
  "stages/02-notes.ts": `import type { StageContext } from ${JSON.stringify(STAGE_API)};
export default async function stage(t: StageContext): Promise<void> {
  const text = t.unique("note");
  let id = 0;
  await t.check("POST /notes stores a note", async () => {
    const res = await t.request({ method: "POST", path: "/notes", json: { text } });
    if (res.status !== 201) t.fail("POST /notes must answer 201 Created", { expected: "status 201", response: res });
    id = (res.json as { id: number }).id;
  });
  await t.check("the note is in the database", async () => {
    const rows = await t.query("SELECT text FROM notes WHERE id = ?", [id]);
    if (rows[0]?.text !== text) t.fail("the notes table has no row with the note's text");
  });
  await t.check("the note survives a restart", async () => {
    await t.restartApp();
    const res = await t.request({ method: "GET", path: "/notes/" + id });
    if (res.status !== 200 || (res.json as { text?: string }).text !== text) {
      t.fail("GET /notes/<id> after a restart must return the note", { expected: "status 200 and the note's text" });
    }
  });
}
`,
};

/** A Flask app that passes both stages; \`variant\` breaks it in one place. */
export function flaskApp(variant: "good" | "no-persist" | "wrong-health" = "good"): Record<string, string> {
  const db = variant === "no-persist" ? '":memory:"' : 'os.environ["DATABASE_URL"].removeprefix("sqlite:///")';
  return {
    "app.py": `import os, sqlite3
from flask import Flask, jsonify, request

app = Flask(__name__)
_conn = None

def conn():
    global _conn
    if _conn is None:
        _conn = sqlite3.connect(${db}, check_same_thread=False, isolation_level=None)
        _conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)")
    return _conn

@app.get("/health")
def health():
    return jsonify(status=${variant === "wrong-health" ? '"fine"' : '"ok"'})

@app.post("/notes")
def create():
    cur = conn().execute("INSERT INTO notes (text) VALUES (?)", (request.json["text"],))
    return jsonify(id=cur.lastrowid), 201

@app.get("/notes/<int:note_id>")
def read(note_id):
    row = conn().execute("SELECT text FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        return jsonify(error="not found"), 404
    return jsonify(id=note_id, text=row[0])
`,
  };
}

/** The same app on PostgreSQL (psycopg2, DATABASE_URL as given), asked for in roadwork.yaml. */
export function flaskPostgresApp(): Record<string, string> {
  return {
    "roadwork.yaml": "framework: flask\ndatabase: postgresql\n",
    "app.py": `import os, psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)
conn = psycopg2.connect(os.environ["DATABASE_URL"])
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, text TEXT)")

@app.get("/health")
def health():
    return jsonify(status="ok")

@app.post("/notes")
def create():
    with conn.cursor() as cur:
        cur.execute("INSERT INTO notes (text) VALUES (%s) RETURNING id", (request.json["text"],))
        return jsonify(id=cur.fetchone()[0]), 201

@app.get("/notes/<int:note_id>")
def read(note_id):
    with conn.cursor() as cur:
        cur.execute("SELECT text FROM notes WHERE id = %s", (note_id,))
        row = cur.fetchone()
    if row is None:
        return jsonify(error="not found"), 404
    return jsonify(id=note_id, text=row[0])
`,
  };
}
