/** t.html: an HTML body read as a browser reads it, queried with XPath; author mistakes are content errors. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { RoadworkError } from "../../src/errors.js";
import { readHtml } from "../../src/grading/project/stage-html.js";

const PAGE = `<!doctype html><title>Guestbook</title><h1>  Guest
  book </h1><ul id=entries><li class=entry>Ada<li class=entry>&lt;b&gt;Grace&lt;/b&gt;</ul>
<form><input type=hidden name=csrf_token value=tok-9></form>`;

void describe("t.html", () => {
  void it("counts, reads text and evaluates XPath over a sloppy page", async () => {
    const page = await readHtml(PAGE);
    assert.equal(page.count("//ul[@id='entries']/li"), 2);
    assert.equal(page.count("//b"), 0);
    assert.equal(page.text("//h1"), "Guest book");
    assert.equal(page.text("(//li)[2]"), "<b>Grace</b>");
    assert.equal(page.text("//h2"), undefined);
    assert.equal(page.xpath("string(//input[@name='csrf_token']/@value)"), "tok-9");
    assert.equal(page.xpath("count(//li) = 2"), true);
    assert.deepEqual(page.xpath("//li"), ["Ada", "<b>Grace</b>"]);
  });

  void it("throws a content error, naming the expression, for an XPath that does not parse or gives no nodes", async () => {
    const page = await readHtml(PAGE);
    assert.throws(
      () => page.count("//li["),
      (error: unknown) => error instanceof RoadworkError && error.code === "CONTENT_INVALID" && error.message.includes("//li["),
    );
    assert.throws(
      () => page.text("string(//h1)"),
      (error: unknown) => error instanceof RoadworkError && error.code === "CONTENT_INVALID" && /not nodes/.test(error.message),
    );
  });
});
