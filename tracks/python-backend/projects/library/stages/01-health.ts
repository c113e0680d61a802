/** Stage 1: the app answers /health after asking its PostgreSQL database, the one DATABASE_URL names. */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectJson } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const req = { method: "GET", path: "/health" };

  await t.check('GET /health answers 200 with {"status": "ok", "database": "ok"}', async () => {
    const res = await t.request(req);
    const ok = res.status === 200 && typeof res.json === "object" && res.json !== null && (res.json as Record<string, unknown>).status === "ok" && (res.json as Record<string, unknown>).database === "ok";
    if (!ok) t.fail(`GET /health answered ${res.status} with ${res.text.slice(0, 200) || "an empty body"}.`, { request: req, response: res, expected: 'status 200, {"status": "ok", "database": "ok"}' });
    if (!(res.headers["content-type"] ?? "").includes("application/json")) t.fail("GET /health must answer JSON (Content-Type: application/json).", { request: req, response: res, expected: "Content-Type: application/json" });
  });

  await t.check("GET /health asks the database that DATABASE_URL names", async () => {
    const counted = await t.countStatements(() => expectJson(t, req, 200));
    if (counted.count < 1) {
      t.fail(
        "GET /health answered without running a single SQL statement on the database that DATABASE_URL names. " +
          'Connect with the URL in the DATABASE_URL environment variable and run a query (SELECT 1 will do) before you answer "database": "ok".',
        { request: req, expected: "at least one statement on the app's database" },
      );
    }
  });
}
