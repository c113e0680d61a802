/**
 * Reviews over HTTP: a learner asks for a review, the cohort's mentor and a cohort mate who
 * passed comment on lines in threads, the author replies, resolves and sends new versions
 * (by the review page and by an ordinary submit: both join), the diff between versions, the
 * mentor approves, notifications count. Every review route is refused to a learner of another
 * cohort (404), a cohort mate who has not passed the item (403), and a signed-out user (401);
 * hostile Markdown in a comment comes back harmless.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestAppOn, multipart, signUp, tarGz, userWithRole, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

const HOSTILE_MARKDOWN = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(2)>",
  "[click me](javascript:alert(3))",
  "![pixel](https://tracker.example/p.png)",
  '<a href="javascript:alert(4)">raw link</a>',
  "`<b>code</b>` and **bold** and [a good link](https://docs.python.org/3/)",
].join("\n\n");

for (const dialect of DIALECTS) void describe(`reviews on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let mentor: Client;
  let ada: Client;
  let bob: Client;
  let carl: Client;
  let other: Client;
  let strayMentor: Client;
  let reviewId: string;
  let firstVersion: string;
  let threadId: string;

  const call = (method: "GET" | "POST" | "PUT", url: string, client?: Client, payload?: object) =>
    t.app.inject({ method, url, ...(client === undefined ? {} : { headers: client.headers }), ...(payload === undefined ? {} : { payload }) });

  async function submit(client: Client, source: string, exercise = "greet-user"): Promise<string> {
    const response = await call("POST", `/api/exercises/${exercise}/submissions`, client, { source });
    assert.equal(response.statusCode, 202, response.body);
    assert.equal(await t.worker.runOnce(), true);
    return response.json<{ id: string }>().id;
  }

  before(async () => {
    t = await buildTestAppOn(dialect);
    mentor = await userWithRole(t, "mentor");
    strayMentor = await userWithRole(t, "mentor");
    [ada, bob, carl, other] = [await signUp(t.app), await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    const cohort = (await call("POST", "/api/cohorts", mentor, { name: "Spring" })).json().cohort;
    for (const learner of [ada, bob, carl]) await call("POST", `/api/cohorts/invite/${cohort.inviteCode}/join`, learner);
    const elsewhere = (await call("POST", "/api/cohorts", strayMentor, { name: "Elsewhere" })).json().cohort;
    await call("POST", `/api/cohorts/invite/${elsewhere.inviteCode}/join`, other);
    await submit(bob, "def greet(name):\n    return f'Hello, {name}!'\n");
    await submit(other, "def greet(name):\n    return f'Hello, {name}!'\n");
  });
  after(async () => {
    await t?.close();
  });

  void it("lets the author ask for a review of a failing submission, once per item, and tells the cohort's mentor", async () => {
    firstVersion = await submit(ada, "def greet(name):\n    print('Hello', name)\n");
    assert.equal((await call("POST", `/api/submissions/${firstVersion}/review`, bob, { question: "mine?" })).statusCode, 404, "not someone else's submission");
    const created = await call("POST", `/api/submissions/${firstVersion}/review`, ada, { question: "Why does it print None?" });
    assert.equal(created.statusCode, 201, created.body);
    const review = created.json().review;
    reviewId = review.id;
    assert.deepEqual([review.state, review.question, review.item.title], ["requested", "Why does it print None?", "Exercise greet-user"]);
    const again = await call("POST", `/api/submissions/${firstVersion}/review`, ada, {});
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().review.id, reviewId, "asking again opens the same review");
    const unread = (await call("GET", "/api/notifications", mentor)).json();
    assert.equal(unread.unread, 1);
    assert.match(unread.notifications[0].text, /asked for a review of Exercise greet-user/);
    assert.equal(unread.notifications[0].url, `/reviews/${reviewId}`);
  });

  void it("queues it for the mentor and the cohort mate who passed, not for the others", async () => {
    const queued = async (client: Client): Promise<boolean> => (await call("GET", "/api/reviews", client)).json().queue.some((r: { id: string }) => r.id === reviewId);
    assert.equal(await queued(mentor), true);
    assert.equal(await queued(bob), true);
    assert.equal(await queued(carl), false, "a cohort mate who has not passed");
    assert.equal(await queued(other), false, "a learner of another cohort who passed");
    assert.equal(await queued(strayMentor), false, "a mentor of another cohort");
    assert.deepEqual((await call("GET", "/api/reviews", ada)).json().mine.map((r: { id: string; state: string }) => [r.id, r.state]), [[reviewId, "requested"]]);
  });

  void it("takes line comments in threads, renders hostile Markdown harmless, and lets the author reply and resolve", async () => {
    const files = (await call("GET", `/api/reviews/${reviewId}/versions/${firstVersion}/files`, mentor)).json().files;
    assert.deepEqual(files, [{ path: "solution.py", language: "python", text: "def greet(name):\n    print('Hello', name)\n" }]);
    const comment = await call("POST", `/api/reviews/${reviewId}/comments`, mentor, { submissionId: firstVersion, file: "solution.py", line: 2, body: HOSTILE_MARKDOWN });
    assert.equal(comment.statusCode, 201, comment.body);
    threadId = comment.json().comment.threadId;
    const peer = await call("POST", `/api/reviews/${reviewId}/comments`, bob, { submissionId: firstVersion, file: "solution.py", line: 1, body: "Nice name." });
    assert.equal(peer.statusCode, 201, "a cohort mate who passed comments too");
    const reply = await call("POST", `/api/reviews/${reviewId}/comments`, ada, { submissionId: "ignored", file: "ignored", parentId: threadId, body: "Thanks, I will `return` it." });
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/comments/${threadId}/resolved`, bob, { resolved: true })).statusCode, 403, "a peer does not resolve the mentor's thread");
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/comments/${threadId}/resolved`, ada, { resolved: true })).statusCode, 200);

    const review = (await call("GET", `/api/reviews/${reviewId}`, ada)).json().review;
    const [thread] = review.threads;
    assert.deepEqual([thread.file, thread.line, thread.resolved, thread.comments.length], ["solution.py", 2, true, 2]);
    assert.equal(thread.comments[1].author.id, ada.user.id);
    const html: string = thread.comments[0].bodyHtml;
    assert.doesNotMatch(html, /<script|<img|<[a-z][^>]*\son[a-z]+=|href="javascript/i, html);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, "raw HTML is shown as text");
    assert.match(html, /<code>&lt;b&gt;code&lt;\/b&gt;<\/code>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<a href="https:\/\/docs.python.org\/3\/" rel="noopener noreferrer nofollow" target="_blank">a good link<\/a>/);
    assert.deepEqual(review.me, { role: "author", canComment: true, canDecide: false, canSubmitVersion: true });
    const notes = (await call("GET", "/api/notifications", ada)).json();
    assert.equal(notes.unread, 2, "the mentor's and the peer's comments");
    assert.equal((await call("POST", "/api/notifications/read", other, { reviewId })).json().unread, 0);
    assert.equal((await call("GET", "/api/notifications/unread", ada)).json().unread, 2, "another user's call reads none of the author's");
    assert.equal((await call("POST", "/api/notifications/read", ada, { reviewId })).json().unread, 0, "opening the review reads its notifications");
    assert.equal((await call("GET", "/api/notifications", mentor)).json().notifications.some((n: { text: string }) => /commented on .*'s review/.test(n.text)), true, "the mentor hears of the author's reply");
  });

  void it("follows new versions from the review page and from an ordinary submit, and diffs them", async () => {
    const sent = await call("POST", `/api/reviews/${reviewId}/versions`, ada, { source: "def greet(name):\n    return f'Hello, {name}!'\n" });
    assert.equal(sent.statusCode, 202, sent.body);
    assert.equal(await t.worker.runOnce(), true);
    assert.equal((await call("POST", `/api/reviews/${reviewId}/versions`, mentor, { source: "x" })).statusCode, 403, "only the author sends versions");
    // The seam every other way of submitting relies on (roadwork submit, git push): a new submission of the item joins.
    await submit(ada, "def greet(name):\n    return 'Hello, ' + name + '!'\n");
    await submit(ada, "def other(): return 1\n", "running-total");
    const review = (await call("GET", `/api/reviews/${reviewId}`, mentor)).json().review;
    assert.deepEqual(review.versions.map((v: { n: number; status: string }) => [v.n, v.status]), [[1, "fail"], [2, "pass"], [3, "pass"]]);
    const [v1, v2] = review.versions.map((v: { submissionId: string }) => v.submissionId);
    const diff = (await call("GET", `/api/reviews/${reviewId}/diff?from=${v1}&to=${v2}`, mentor)).json();
    assert.equal(diff.files.length, 1);
    assert.equal(diff.files[0].change, "changed");
    assert.ok(diff.files[0].hunks[0].lines.includes(" def greet(name):"), "unchanged lines come as context");
    assert.ok(diff.files[0].hunks[0].lines.includes("-    print('Hello', name)"));
    assert.ok(diff.files[0].hunks[0].lines.includes("+    return f'Hello, {name}!'"));
    assert.equal((await call("GET", `/api/reviews/${reviewId}/diff?from=${v1}`, mentor)).statusCode, 400);
    const notes = (await call("GET", "/api/notifications", mentor)).json().notifications as Array<{ text: string }>;
    assert.match(notes[0]?.text ?? "", /sent a new version of Exercise greet-user/);
    // One for the review page's version, one for the ordinary submit; none for another exercise.
    assert.equal(notes.filter((n) => /sent a new version/.test(n.text)).length, 2, "every new version is told, however it was sent");
  });

  void it("lets only a mentor decide; approval shows on the author's list and closes the review to new versions", async () => {
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/verdict`, bob, { verdict: "approved" })).statusCode, 403, "a peer does not decide");
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/verdict`, mentor, { verdict: "maybe" })).statusCode, 400);
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/verdict`, mentor, { verdict: "changes_requested" })).statusCode, 200);
    assert.equal((await call("PUT", `/api/reviews/${reviewId}/verdict`, mentor, { verdict: "approved" })).statusCode, 200);
    const review = (await call("GET", `/api/reviews/${reviewId}`, ada)).json().review;
    assert.deepEqual([review.state, review.open, review.decision.by], ["approved", false, "mentor"]);
    assert.deepEqual((await call("GET", "/api/reviews", ada)).json().mine.map((r: { state: string }) => r.state), ["approved"]);
    assert.equal((await call("POST", `/api/reviews/${reviewId}/versions`, ada, { source: "return" })).statusCode, 409);
    assert.equal((await call("GET", "/api/reviews", mentor)).json().queue.some((r: { id: string }) => r.id === reviewId), false, "off the queue once approved");
    assert.match((await call("GET", "/api/notifications", ada)).json().notifications[0].text, /approved your Exercise greet-user/);
  });

  void it("refuses every review route to a learner of another cohort, a cohort mate who has not passed, and a signed-out user", async () => {
    const routes: Array<["GET" | "POST" | "PUT", string, object?]> = [
      ["GET", `/api/reviews/${reviewId}`],
      ["GET", `/api/reviews/${reviewId}/versions/${firstVersion}/files`],
      ["GET", `/api/reviews/${reviewId}/diff?from=${firstVersion}&to=${firstVersion}`],
      ["POST", `/api/reviews/${reviewId}/comments`, { submissionId: firstVersion, file: "solution.py", line: 1, body: "hi" }],
      ["PUT", `/api/reviews/${reviewId}/comments/${threadId}/resolved`, { resolved: false }],
      ["PUT", `/api/reviews/${reviewId}/verdict`, { verdict: "changes_requested" }],
      ["POST", `/api/reviews/${reviewId}/versions`, { source: "return 1" }],
    ];
    for (const [method, url, payload] of routes) {
      assert.equal((await call(method, url, other, payload)).statusCode, 404, `another cohort's learner: ${method} ${url}`);
      assert.equal((await call(method, url, strayMentor, payload)).statusCode, 404, `another cohort's mentor: ${method} ${url}`);
      const mate = await call(method, url, carl, payload);
      assert.equal(mate.statusCode, 403, `a cohort mate who has not passed: ${method} ${url}`);
      assert.equal(mate.json().error.code, "PASS_FIRST");
      assert.equal((await call(method, url, undefined, payload)).statusCode, 401, `signed out: ${method} ${url}`);
    }
    for (const [method, url, payload] of [
      ["POST", `/api/submissions/${firstVersion}/review`, {}],
      ["GET", "/api/reviews"],
      ["GET", "/api/reviews/for/exercise/greet-user"],
      ["GET", "/api/notifications"],
      ["GET", "/api/notifications/unread"],
      ["POST", "/api/notifications/read", {}],
      ["GET", "/api/notifications/settings"],
      ["PUT", "/api/notifications/settings", { email: false }],
    ] as Array<["GET" | "POST" | "PUT", string, object?]>) {
      assert.equal((await call(method, url, undefined, payload)).statusCode, 401, `signed out: ${method} ${url}`);
    }
    assert.equal((await call("POST", `/api/submissions/${firstVersion}/review`, other, {})).statusCode, 404, "nobody asks for a review of another's work");
    assert.equal((await call("GET", "/api/reviews", other)).json().mine.length, 0);
    assert.equal((await call("GET", "/api/notifications", other)).json().notifications.length, 0, "nobody reads another's notifications");
  });

  void it("shows every file of a project version in path order, binary files without their bytes, and diffs versions file by file", async () => {
    const upload = async (entries: Parameters<typeof tarGz>[0]): Promise<string> => {
      const body = multipart("archive", "app.tar.gz", tarGz(entries));
      const response = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { ...ada.headers, ...body.headers }, payload: body.payload });
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(await t.worker.runOnce(), true);
      return response.json<{ id: string }>().id;
    };
    const first = await upload([{ name: "app.py", data: "from flask import Flask\napp = Flask(__name__)\n" }, { name: "templates/", type: "5" }, { name: "templates/index.html", data: "<h1>{{ title }}</h1>\n" }, { name: "logo.png", data: "\u0000PNG" }]);
    const review = (await call("POST", `/api/submissions/${first}/review`, ada, {})).json().review;
    assert.equal(review.item.kind, "project");
    const files = (await call("GET", `/api/reviews/${review.id}/versions/${first}/files`, mentor)).json().files;
    assert.deepEqual(files.map((f: { path: string; language: string; text: string | null; note?: string }) => [f.path, f.language, f.text === null ? f.note : f.text.length]), [
      ["app.py", "python", 46],
      ["logo.png", "text", "a binary file; not shown"],
      ["templates/index.html", "text", 21],
    ]);
    const second = await upload([{ name: "app.py", data: "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef home():\n    return 'hi'\n" }, { name: "templates/", type: "5" }, { name: "templates/index.html", data: "<h1>{{ title }}</h1>\n" }]);
    const diff = (await call("GET", `/api/reviews/${review.id}/diff?from=${first}&to=${second}`, mentor)).json();
    assert.deepEqual(diff.files.map((f: { path: string; change: string }) => [f.path, f.change]), [["app.py", "changed"], ["logo.png", "removed"]]);
    assert.equal((await call("POST", `/api/reviews/${review.id}/versions`, ada, { source: "x" })).statusCode, 400, "a project's new version comes by upload, push or roadwork submit");
  });

  void it("keeps the email opt-out per user", async () => {
    assert.deepEqual((await call("GET", "/api/notifications/settings", ada)).json(), { email: true, emailConfigured: false });
    assert.deepEqual((await call("PUT", "/api/notifications/settings", ada, { email: false })).json(), { email: false, emailConfigured: false });
    assert.equal((await call("GET", "/api/notifications/settings", ada)).json().email, false);
    assert.equal((await call("GET", "/api/notifications/settings", bob)).json().email, true);
  });
});
