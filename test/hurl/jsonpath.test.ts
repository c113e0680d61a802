import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluateJsonPath, parseJsonPath, JsonPathError } from "../../src/hurl/jsonpath.js";
import type { JsonValue } from "../../src/hurl/types.js";

const doc: JsonValue = {
  store: {
    book: [
      { title: "Dune", price: 9, tags: ["sf"] },
      { title: "Emma", price: 5.5 },
      { title: "Ulysses", price: 12, "odd key": true },
    ],
    owner: { name: "Ann", title: "Mrs" },
  },
  "a.b": 1,
  empty: [],
};

function q(path: string): JsonValue[] {
  return evaluateJsonPath(parseJsonPath(path), doc);
}

void describe("jsonpath", () => {
  void it("selects children by dot and bracket, and indexes from either end", () => {
    assert.deepEqual(q("$.store.owner.name"), ["Ann"]);
    assert.deepEqual(q("$['store']['owner']['name']"), ["Ann"]);
    assert.deepEqual(q('$["a.b"]'), [1]);
    assert.deepEqual(q("$.store.book[0].title"), ["Dune"]);
    assert.deepEqual(q("$.store.book[-1].title"), ["Ulysses"]);
    assert.deepEqual(q("$.store.book[2]['odd key']"), [true]);
    assert.deepEqual(q("$"), [doc]);
  });

  void it("selects nothing for missing names and out-of-range indexes", () => {
    assert.deepEqual(q("$.store.nope"), []);
    assert.deepEqual(q("$.store.book[7]"), []);
    assert.deepEqual(q("$.store.owner[0]"), []);
  });

  void it("supports wildcards, unions, slices and descendants", () => {
    assert.deepEqual(q("$.store.book[*].title"), ["Dune", "Emma", "Ulysses"]);
    assert.deepEqual(q("$.store.owner.*"), ["Ann", "Mrs"]);
    assert.deepEqual(q("$.store.book[0,2].price"), [9, 12]);
    assert.deepEqual(q("$.store.book[1:].title"), ["Emma", "Ulysses"]);
    assert.deepEqual(q("$.store.book[:-1].title"), ["Dune", "Emma"]);
    assert.deepEqual(q("$.store.book[::-1].title"), ["Ulysses", "Emma", "Dune"]);
    assert.deepEqual(q("$..title"), ["Dune", "Emma", "Ulysses", "Mrs"]);
    assert.deepEqual(q("$..book[1].title"), ["Emma"]);
    assert.equal(q("$..*").length, 19);
  });

  void it("tells singular paths from node lists", () => {
    assert.equal(parseJsonPath("$.store.book[0].title").singular, true);
    assert.equal(parseJsonPath("$['a.b']").singular, true);
    assert.equal(parseJsonPath("$.store.book[*]").singular, false);
    assert.equal(parseJsonPath("$..title").singular, false);
    assert.equal(parseJsonPath("$.store.book[0,1]").singular, false);
  });

  void it("refuses filters, scripts, functions and malformed paths", () => {
    for (const bad of ["store.book", "$.store.book[?(@.price > 5)]", "$.store.book[(@.length-1)]", "$.store.book.length()", "$.store[", "$.store.book[0", "$.", "$[0:1:0]"]) {
      assert.throws(() => parseJsonPath(bad), JsonPathError, bad);
    }
  });
});
