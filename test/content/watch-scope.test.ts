/** Which item a changed path belongs to, for `roadwork content check --watch`. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { scopeOfChange, scopesOf } from "../../src/content/watch-scope.js";

const root = "/t/my-track";
const items = new Set([join(root, "exercises", "count-words"), join(root, "projects", "first-api")]);
const isItem = (dir: string): boolean => items.has(dir);

describe("scopeOfChange", () => {
  it("maps a file of an exercise, even in bad/, to that exercise", () => {
    assert.deepEqual(scopeOfChange(root, "exercises/count-words/tests.py", isItem), { kind: "item", dir: join(root, "exercises", "count-words") });
    assert.deepEqual(scopeOfChange(root, "exercises/count-words/bad/off_by_one.py", isItem), { kind: "item", dir: join(root, "exercises", "count-words") });
  });

  it("maps a deep file of a project (a reference app) to the project, absolute paths too", () => {
    assert.deepEqual(scopeOfChange(root, join(root, "projects/first-api/reference/flask/app.py"), isItem), { kind: "item", dir: join(root, "projects", "first-api") });
  });

  it("re-checks everything for track.yaml, a lesson, or a new exercise folder not yet an item", () => {
    assert.deepEqual(scopeOfChange(root, "track.yaml", isItem), { kind: "all" });
    assert.deepEqual(scopeOfChange(root, "lessons/basics.md", isItem), { kind: "all" });
    assert.deepEqual(scopeOfChange(root, "exercises/new-one/README.md", isItem), { kind: "all" });
  });

  it("ignores editor and Python noise, and paths outside the watched folder", () => {
    for (const noise of ["exercises/count-words/__pycache__/solution.cpython-311.pyc", "exercises/count-words/.tests.py.swp", "exercises/count-words/tests.py~", "exercises/count-words/4913", ".git/index"]) {
      assert.equal(scopeOfChange(root, noise, isItem), undefined, noise);
    }
    assert.equal(scopeOfChange(root, "/elsewhere/file.py", isItem), undefined);
  });

  it("a single watched item is its own scope", () => {
    const one = join(root, "exercises", "count-words");
    assert.deepEqual(scopeOfChange(one, "solution.py", isItem), { kind: "item", dir: one });
  });
});

describe("scopesOf", () => {
  it("gives each item once, and all when any change is track-wide", () => {
    const ex = join(root, "exercises", "count-words");
    assert.deepEqual(scopesOf(root, ["exercises/count-words/tests.py", "exercises/count-words/solution.py", "exercises/count-words/x.pyc"], isItem), [{ kind: "item", dir: ex }]);
    assert.deepEqual(scopesOf(root, ["exercises/count-words/tests.py", "track.yaml"], isItem), [{ kind: "all" }]);
    assert.deepEqual(scopesOf(root, ["exercises/count-words/__pycache__/a.pyc"], isItem), []);
  });
});
