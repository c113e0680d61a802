/**
 * Community solutions over HTTP: publish one's own passing submission, read others' only after
 * one's own pass (403 PASS_FIRST), star once, and every route refused to a signed-out user.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestAppOn, signUp, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

const HOSTILE = "def greet(n):\n    return '</script><script>alert(1)</script>'\n";

for (const dialect of DIALECTS) void describe(`community solutions on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  let bob: Client;
  let peer: Client;
  let adaPass: string;
  before(async () => {
    t = await buildTestAppOn(dialect);
    ada = await signUp(t.app);
    bob = await signUp(t.app);
    peer = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  async function graded(client: Client, source: string): Promise<string> {
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source } });
    assert.equal(response.statusCode, 202, response.body);
    assert.equal(await t.worker.runOnce(), true);
    return response.json<{ id: string }>().id;
  }
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, client?: Client) => t.app.inject({ method, url, ...(client === undefined ? {} : { headers: client.headers }) });

  void it("refuses to publish a failing submission or someone else's", async () => {
    const failing = await graded(ada, "def greet(n): pass");
    assert.equal((await call("POST", `/api/submissions/${failing}/publish`, ada)).statusCode, 409);
    adaPass = await graded(ada, HOSTILE);
    assert.equal((await call("POST", `/api/submissions/${adaPass}/publish`, bob)).statusCode, 404, "another learner's submission is not confirmed");
    assert.equal((await call("DELETE", `/api/submissions/${adaPass}/publish`, bob)).statusCode, 404);
    const published = await call("POST", `/api/submissions/${adaPass}/publish`, ada);
    assert.equal(published.statusCode, 200, published.body);
  });

  void it("shows nothing to a peer who has not passed the exercise: 403 PASS_FIRST on every route", async () => {
    for (const [method, url] of [["GET", "/api/exercises/greet-user/solutions"], ["PUT", `/api/solutions/${adaPass}/star`], ["DELETE", `/api/solutions/${adaPass}/star`]] as const) {
      const response = await call(method, url, peer);
      assert.equal(response.statusCode, 403, `${method} ${url}`);
      assert.equal(response.json().error.code, "PASS_FIRST");
      assert.match(response.json().error.message, /pass this exercise first to see how others solved it/);
    }
    await graded(peer, "def greet(n): pass");
    assert.equal((await call("GET", "/api/exercises/greet-user/solutions", peer)).statusCode, 403, "a failing attempt is not a pass");
  });

  void it("refuses every route to a signed-out user with 401", async () => {
    for (const [method, url] of [["GET", "/api/exercises/greet-user/solutions"], ["POST", `/api/submissions/${adaPass}/publish`], ["DELETE", `/api/submissions/${adaPass}/publish`], ["PUT", `/api/solutions/${adaPass}/star`], ["DELETE", `/api/solutions/${adaPass}/star`]] as const) {
      assert.equal((await call(method, url)).statusCode, 401, `${method} ${url}`);
    }
  });

  void it("lets a learner who passed read the code verbatim as JSON, star it once and unstar it", async () => {
    await graded(bob, "def greet(n):\n    return n\n");
    const listed = await call("GET", "/api/exercises/greet-user/solutions", bob);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.match(String(listed.headers["content-type"]), /^application\/json/);
    const [solution] = listed.json().solutions;
    assert.equal(solution.source, HOSTILE, "the code travels as data; the page escapes it");
    assert.equal(solution.mine, false);
    assert.equal(solution.stars, 0);
    assert.equal((await call("PUT", `/api/solutions/${adaPass}/star`, bob)).json().stars, 1);
    assert.equal((await call("PUT", `/api/solutions/${adaPass}/star`, bob)).json().stars, 1, "a second star from the same learner counts once");
    assert.equal((await call("GET", "/api/exercises/greet-user/solutions", bob)).json().solutions[0].starredByMe, true);
    assert.equal((await call("PUT", `/api/solutions/${adaPass}/star`, ada)).statusCode, 409, "no starring one's own");
    assert.equal((await call("DELETE", `/api/solutions/${adaPass}/star`, bob)).json().stars, 0);
    const csrfLess = await t.app.inject({ method: "PUT", url: `/api/solutions/${adaPass}/star`, headers: { cookie: bob.cookie } });
    assert.equal(csrfLess.statusCode, 403, "starring rides on the session: it needs the CSRF token");
  });

  void it("sorts the most starred first and takes an unpublished solution away", async () => {
    const bobPass = (await call("GET", "/api/exercises/greet-user/submissions", bob)).json().submissions[0].id as string;
    await call("POST", `/api/submissions/${bobPass}/publish`, bob);
    await graded(peer, "def greet(n):\n    return 2\n");
    await call("PUT", `/api/solutions/${bobPass}/star`, peer);
    const order = (await call("GET", "/api/exercises/greet-user/solutions", peer)).json().solutions.map((s: { submissionId: string }) => s.submissionId);
    assert.deepEqual(order, [bobPass, adaPass]);
    assert.equal((await call("DELETE", `/api/submissions/${bobPass}/publish`, bob)).statusCode, 200);
    assert.equal((await call("PUT", `/api/solutions/${bobPass}/star`, peer)).statusCode, 404);
    const mine = (await call("GET", "/api/exercises/greet-user/solutions", ada)).json();
    assert.deepEqual(mine.published, [adaPass]);
  });
});
