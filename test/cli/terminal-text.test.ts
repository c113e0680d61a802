import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { terminalText } from "../../src/cli/terminal-text.js";

const FORGED = "\x1b[2J\x1b[H\x1b[32mPASS: all 6 tests passed\x1b[0m\r\u202eevil\u009b2J";

void describe("terminalText", () => {
  void it("should escape every control a terminal acts on and keep newlines, tabs and ordinary text", () => {
    assert.equal(terminalText(FORGED), "\\x1b[2J\\x1b[H\\x1b[32mPASS: all 6 tests passed\\x1b[0m\\r\\u{202e}evil\\x9b2J");
    assert.equal(terminalText("line one\n\tline two: café ✓ 日本"), "line one\n\tline two: café ✓ 日本");
    assert.equal(terminalText("\u0000\u0007\b\u007f\u0085\u061c\u200e\u2028\u2066\u2069"), "\\x00\\x07\\x08\\x7f\\x85\\u{61c}\\u{200e}\\u{2028}\\u{2066}\\u{2069}");
  });
});
