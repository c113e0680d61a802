/**
 * Stage 6: the session remembers the name of the last signing, and nothing else.
 * TypeScript, not Hurl, for one check Hurl cannot say: every Set-Cookie of the answer is
 * read, whatever the cookie's name, to see that none carries the name as readable text
 * (a cookie of the app's own, which the visitor can also change, instead of the session).
 */
import type { StageContext, StageResponse } from "../../../../../src/grading/project/stage-api.js";

const NAME = "Margaret from stage six";

/** A Set-Cookie's value as a browser user could read it: %XX and \\OOO (Werkzeug's quoting) undone. */
function readable(setCookie: string): string {
  const value = setCookie.split(";")[0] ?? "";
  let text = value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  try {
    text = decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    // Not percent-encoded: the value as it is.
  }
  return text;
}

async function nameInForm(t: StageContext, res: StageResponse): Promise<string> {
  return String((await t.html(res.text)).xpath("string(//form//input[@name='name']/@value)"));
}

async function home(t: StageContext): Promise<StageResponse> {
  const res = await t.request({ method: "GET", path: "/" });
  if (res.status !== 200) t.fail(`GET / answered ${res.status}.`, { expected: "status 200" });
  return res;
}

export default async function stage(t: StageContext): Promise<void> {
  let csrf = "";

  await t.check(`signing as "${NAME}" answers 303, and no cookie carries the name as readable text`, async () => {
    csrf = String((await t.html((await home(t)).text)).xpath("string(//form//input[@name='csrf_token']/@value)"));
    const res = await t.request({ method: "POST", path: "/entries", form: { csrf_token: csrf, name: NAME, message: "Remember me, stage six." } });
    if (res.status !== 303) t.fail(`Signing answered ${res.status}; it answered 303 in stage 2.`, { expected: "status 303" });
    const cookies = (res.headers["set-cookie"] ?? "").split("\n").filter((line) => line !== "");
    const plain = cookies.find((line) => readable(line).includes("Margaret"));
    if (plain !== undefined) {
      t.fail(
        `The answer sets the cookie ${plain.split(";")[0] ?? ""}, which holds the name as plain text: the visitor can read it and change it to anything. ` +
          "Keep the name in the framework's session (Flask session, request.session), whose cookie is signed (Flask, Starlette) or holds only an id (Django).",
        { expected: "no Set-Cookie whose value shows the name" },
      );
    }
  });

  await t.check("the home page's name input holds the name; the message textarea is empty", async () => {
    const res = await home(t);
    const page = await t.html(res.text);
    const name = await nameInForm(t, res);
    if (name !== NAME) t.fail(`After signing as "${NAME}", the form's name input has the value ${JSON.stringify(name)}.`, { expected: `value="${NAME}"` });
    const message = String(page.xpath("string(//form//textarea[@name='message'])"));
    if (message !== "") t.fail(`The message textarea holds ${JSON.stringify(message)}; only the name is remembered, so that a message is not posted twice.`, { expected: "an empty textarea" });
  });

  await t.check("a second visit still shows the name", async () => {
    const name = await nameInForm(t, await home(t));
    if (name !== NAME) t.fail(`On a second visit the form's name input has the value ${JSON.stringify(name)}: the name is remembered until the visitor signs with another one.`, { expected: `value="${NAME}"` });
  });

  await t.check("a refused form (422) is not a signing: the name it held is not remembered", async () => {
    const refused = await t.request({ method: "POST", path: "/entries", form: { csrf_token: csrf, name: "Not Margaret, a refused form", message: "" } });
    if (refused.status !== 422) t.fail(`A form with an empty message answered ${refused.status}; it answered 422 in stage 3.`, { expected: "status 422" });
    const name = await nameInForm(t, await home(t));
    if (name !== NAME) t.fail(`After a refused form with the name "Not Margaret, a refused form", the home page offers ${JSON.stringify(name)}. Remember the name only once the entry is saved.`, { expected: `value="${NAME}"` });
  });
}
