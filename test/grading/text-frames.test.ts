import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FrameReader, encodeFrame } from "../../src/grading/exercise/frames.js";
import { lineDiff, quote, shown } from "../../src/grading/exercise/text.js";

describe("frames", () => {
  it("reads frames split across chunks and several frames in one chunk", () => {
    const seen: unknown[] = [];
    const reader = new FrameReader(1024, { frame: (body) => seen.push(JSON.parse(body.toString())), tooLarge: () => assert.fail("not too large") });
    const bytes = Buffer.concat([encodeFrame({ a: 1 }), encodeFrame({ b: [2, 3] }), encodeFrame("x")]);
    for (let i = 0; i < bytes.length; i += 3) reader.push(bytes.subarray(i, i + 3));
    assert.deepEqual(seen, [{ a: 1 }, { b: [2, 3] }, "x"]);
  });

  it("tells Node's own frames from relayed ones by the top bit of the length", () => {
    const marks: boolean[] = [];
    const reader = new FrameReader(1024, { frame: (_body, control) => marks.push(control), tooLarge: () => assert.fail() });
    reader.push(Buffer.concat([encodeFrame({ t: "gone" }, true), encodeFrame({ v: null })]));
    assert.deepEqual(marks, [true, false]);
  });

  it("refuses a frame larger than the limit as soon as its length is read", () => {
    let refused = 0;
    const reader = new FrameReader(16, { frame: () => assert.fail("no frame"), tooLarge: (size) => (refused = size) });
    reader.push(Buffer.from([0x00, 0x10, 0x00, 0x00, 0x7b]));
    assert.equal(refused, 0x100000);
  });
});

describe("text for learners", () => {
  it("diffs lines with - for expected and + for got", () => {
    assert.equal(lineDiff("a\nb\nc", "a\nx\nc"), "  a\n- b\n+ x\n  c");
  });

  it("falls back to the first differing line for huge inputs", () => {
    const big = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    assert.match(lineDiff(big, big.replace("line 500", "LINE 500")), /first difference on line 501/);
  });

  it("quotes with escapes visible and caps long output", () => {
    assert.equal(quote("Ada\n"), '"Ada\\n"');
    assert.match(shown("x".repeat(600)), /output cut at 500 characters\)$/);
  });
});
