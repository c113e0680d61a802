/** GET /api/exercises/:id gives the page the README's examples for Run, and only those. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Catalog } from "../../src/server/catalog.js";
import { buildTestApp, signUp, testTracks, type TestApp } from "./helpers.js";

const README = "# Running total\n\n## Examples\n\n```python\n>>> running_total([1, 2])\n[1, 3]\n```\n";

void describe("an exercise's examples for Run", () => {
  let t: TestApp;
  let holder: string;
  let flaskId: string;
  before(async () => {
    holder = mkdtempSync(join(tmpdir(), "roadwork-run-examples-"));
    const tracks = testTracks(holder);
    const running = tracks[0]?.exercises.find((e) => e.config.id === "running-total");
    if (running === undefined) throw new Error("the test track has no running-total");
    running.readme = README;
    const slugify = tracks[0]?.exercises.find((e) => e.config.id === "slugify");
    if (slugify !== undefined) slugify.config = { ...slugify.config, kind: "sql" };
    // An exercise whose reference needs Flask: Pyodide has only the standard library.
    const flask = tracks[0]?.exercises.find((e) => e.config.kind === "function" && e.config.id !== "running-total");
    if (flask === undefined) throw new Error("the test track has no second function exercise");
    flask.readme = README;
    flask.solution = `from flask import Flask\n${flask.solution}`;
    flaskId = flask.config.id;
    t = await buildTestApp({ catalog: new Catalog(tracks) });
  });
  after(async () => {
    await t?.close();
    rmSync(holder, { recursive: true, force: true });
  });

  void it("should send a function exercise's doctest sessions from its README", async () => {
    const ada = await signUp(t.app);
    const response = await t.app.inject({ method: "GET", url: "/api/exercises/running-total", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json().run, { kind: "function", doctests: [">>> running_total([1, 2])\n[1, 3]\n"], doctestLines: [6] });
  });

  void it("should send null for a kind the browser does not run", async () => {
    const ada = await signUp(t.app);
    const response = await t.app.inject({ method: "GET", url: "/api/exercises/slugify", headers: { cookie: ada.cookie } });
    assert.equal(response.json().run, null);
  });

  void it("should send null for an exercise whose reference imports what Run's Python lacks: Run could only fail there", async () => {
    const ada = await signUp(t.app);
    const response = await t.app.inject({ method: "GET", url: `/api/exercises/${flaskId}`, headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().run, null);
  });
});
