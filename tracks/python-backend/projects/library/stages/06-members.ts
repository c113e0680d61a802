/** Stage 6: members, with an email that is unique whatever its letter case. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectError, expectJson } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const name = t.unique("Octavia");
  const local = name.toLowerCase();
  let id = 0;
  await t.check("POST /members creates a member: 201, the member with the email in lower case", async () => {
    const req = { method: "POST", path: "/members", json: { name, email: `${name}@Example.COM` } };
    const body = await expectJson(t, req, 201);
    if (typeof body.id !== "number" || body.name !== name || body.email !== `${local}@example.com`) {
      t.fail("POST /members did not answer with the new member, its email in lower case.", { request: req, expected: JSON.stringify({ id: "<number>", name, email: `${local}@example.com` }) });
    }
    id = body.id as number;
    const again = await expectJson(t, { method: "GET", path: `/members/${id}` }, 200);
    if (again.id !== id || again.email !== `${local}@example.com`) t.fail("GET /members/{id} does not give the member back.", { expected: JSON.stringify({ id, name, email: `${local}@example.com` }) });
  });

  await t.check("the same email in other letters answers 409: emails are unique whatever their case", async () => {
    await expectError(t, { method: "POST", path: "/members", json: { name: "Twin", email: `${local.toUpperCase()}@example.com` } }, 409);
    const rows = await t.query("SELECT id FROM members WHERE lower(email) = ?", [`${local}@example.com`]);
    if (rows.length !== 1) t.fail(`members holds ${rows.length} rows with the email ${local}@example.com in some case.`, { expected: "one row" });
  });

  await t.check("POST /members answers 422 for a missing name or an email that is not one", async () => {
    for (const json of [{ email: `${t.unique("x")}@example.com` }, { name: "No email" }, { name: "Bad", email: "not-an-email" }, { name: "Bad", email: "two@signs@example.com" }, { name: "Bad", email: "ann@localhost" }, { name: "Bad", email: 42 }, { name: "", email: `${t.unique("y")}@example.com` }]) {
      await expectError(t, { method: "POST", path: "/members", json }, 422);
    }
  });

  await t.check("GET /members/{id} of a member that does not exist answers 404", async () => {
    await expectError(t, { method: "GET", path: "/members/987654321" }, 404);
  });
}
