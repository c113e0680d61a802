/** Markdown from a track's files: raw HTML shown as text, only safe link schemes, tables that scroll reachable by keyboard. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { renderMarkdown } from "../../src/server/markdown.js";

void describe("renderMarkdown", () => {
  void it("shows raw HTML as text, a Markdown table among it included", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<table onclick="x()"><tr><td>raw</td></tr></table>\n');
    assert.doesNotMatch(html, /<script|<table/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /&lt;table onclick=/);
  });

  void it("keeps http(s), mailto and relative links, and drops any other scheme", () => {
    assert.match(renderMarkdown("[a](https://example.com)"), /<a href="https:\/\/example.com" rel="noopener noreferrer">a<\/a>/);
    assert.match(renderMarkdown("[a](../steps/x)"), /<a href="..\/steps\/x"/);
    const dropped = renderMarkdown("[click](javascript:alert(1)) ![img](data:text/html,x)");
    assert.doesNotMatch(dropped, /href=|src=/);
    assert.match(dropped, /click/);
  });

  void it("makes every Markdown table focusable: on a phone it scrolls in its own box", () => {
    const html = renderMarkdown("| framework | command |\n|---|---|\n| Flask | `python3 -m flask run` |\n\ntext\n\n| a |\n|---|\n| b |\n");
    assert.equal(html.match(/<table tabindex="0">/g)?.length, 2);
    assert.doesNotMatch(html, /<table>/);
  });
});
