/** The one cookie jar (Hurl runs and stage clients): paths as RFC 6265 says, values sent back as they came. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CookieJar, parseSetCookie } from "../../src/http/cookies.js";

const set = (...values: string[]): Array<[string, string]> => values.map((value) => ["Set-Cookie", value]);

void describe("the cookie jar", () => {
  void it("sends a cookie back only under its path; without a Path, under the folder that set it", () => {
    const jar = new CookieJar();
    jar.update(set("admin=1; Path=/admin", "cart=2"), "/shop/items");
    assert.equal(jar.header("/admin/users"), "admin=1");
    assert.equal(jar.header("/administrator"), undefined);
    assert.equal(jar.header("/shop/basket"), "cart=2");
    assert.equal(jar.header("/shopping"), undefined);
    assert.equal(jar.header("/"), undefined);
  });

  void it("keeps one cookie per name and path, most specific path first", () => {
    const jar = new CookieJar();
    jar.update(set("s=root; Path=/", "s=deep; Path=/a"), "/");
    assert.equal(jar.header("/a/b"), "s=deep; s=root");
    jar.update(set("s=gone; Path=/a; Max-Age=0"), "/");
    assert.equal(jar.header("/a/b"), "s=root");
  });

  void it("sends a quoted value back with its quotes, as browsers and curl do", () => {
    const jar = new CookieJar();
    jar.update(set('session="a\\054b"; Path=/'), "/login");
    assert.equal(jar.header("/me"), 'session="a\\054b"');
    assert.equal(parseSetCookie('session="a\\054b"; Path=/')?.value, '"a\\054b"');
  });

  void it("lets Max-Age win over Expires", () => {
    const jar = new CookieJar();
    jar.update(set("k=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT"), "/");
    assert.equal(jar.header("/"), "k=1");
  });
});
