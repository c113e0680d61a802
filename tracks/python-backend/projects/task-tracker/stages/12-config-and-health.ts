/**
 * Stage 12: configuration from the environment only, and health and readiness endpoints.
 * The app is started without SECRET_KEY (and with an empty one): it must refuse, saying why
 * on stderr. Served as in production with a DATABASE_URL it cannot open, it must still be
 * alive (/healthz) but not ready (/readyz 503); back on the real database, ready again, still
 * served as in production (as stages 13 to 16 need it: they use this start, see ensureApp).
 */
import type { StageContext, StartOutcome } from "../../../../../src/grading/project/stage-api.js";
import { expectJson } from "./support.js";

/** A database the app cannot open: its folder does not exist. */
const UNREACHABLE_DATABASE = "sqlite:////data/no-such-folder/app.db";

export default async function stage(t: StageContext): Promise<void> {
  await t.check("GET /healthz answers 200 with {\"status\": \"ok\"}", async () => {
    const body = await expectJson(t, { method: "GET", path: "/healthz" }, 200);
    if (body.status !== "ok") t.fail('GET /healthz answered 200 but its body is not {"status": "ok"}.', { expected: '{"status": "ok"}' });
  });

  await t.check("GET /readyz answers 200 with {\"status\": \"ready\"} while the database can be reached", async () => {
    const body = await expectJson(t, { method: "GET", path: "/readyz" }, 200);
    if (body.status !== "ready") t.fail('GET /readyz answered 200 but its body is not {"status": "ready"}.', { expected: '{"status": "ready"}' });
  });

  await t.check("without SECRET_KEY in its environment the app refuses to start, and says so on stderr", async () => {
    expectRefusal(t, await t.tryRestartApp({ env: { SECRET_KEY: null } }), "without SECRET_KEY");
  });

  await t.check("with an empty SECRET_KEY the app refuses to start too", async () => {
    expectRefusal(t, await t.tryRestartApp({ env: { SECRET_KEY: "" } }), "with SECRET_KEY set to the empty string");
  });

  await t.check("when the database cannot be opened the app is alive (/healthz 200) but not ready (/readyz 503)", async () => {
    // Served as in production: Django's runserver refuses to start without its database.
    await t.restartApp({ production: true, env: { DATABASE_URL: UNREACHABLE_DATABASE } });
    const live = await t.request({ method: "GET", path: "/healthz" });
    if (live.status !== 200) {
      t.fail(`With DATABASE_URL=${UNREACHABLE_DATABASE} (a folder that does not exist), GET /healthz answered ${live.status}. Liveness must not depend on the database: a platform restarts an app that is not alive, and restarting cannot bring a database back.`, { response: live, expected: "status 200" });
    }
    const ready = await t.request({ method: "GET", path: "/readyz" });
    if (ready.status !== 503) {
      t.fail(`With DATABASE_URL=${UNREACHABLE_DATABASE} (a folder that does not exist), GET /readyz answered ${ready.status}. Readiness must try the database named by DATABASE_URL and answer 503 when it cannot, so that no request is sent to an app that cannot serve it.`, { response: ready, expected: "status 503" });
    }
  });

  await t.check("back on its database, the app is ready again", async () => {
    await t.restartApp({ production: true });
    const body = await expectJson(t, { method: "GET", path: "/readyz" }, 200);
    if (body.status !== "ready") t.fail('GET /readyz answered 200 but its body is not {"status": "ready"}.', { expected: '{"status": "ready"}' });
  });
}

function expectRefusal(t: StageContext, outcome: StartOutcome, how: string): void {
  if (outcome.started) {
    t.fail(`Started ${how}, the app answered requests. A secret must come from the environment only: with a default written in the code, every copy of the code knows the secret, and a server set up in a hurry runs with it.`, {
      expected: "the app exits with a code other than 0 before it answers any request",
    });
  }
  if (outcome.end === undefined) t.fail(`Started ${how}, the app neither answered nor exited: ${outcome.why}`, { expected: "the app exits with a code other than 0 at once" });
  if (outcome.end.exitCode === 0) t.fail(`Started ${how}, the app exited with code 0: a platform reads 0 as "all went well". Exit with another code (sys.exit("...") exits with 1).`, { expected: "an exit code other than 0" });
  const stderr = t.appOutput().stderr;
  if (!stderr.includes("SECRET_KEY")) {
    t.fail(`Started ${how}, the app stopped, but its stderr does not name SECRET_KEY, so whoever deploys it cannot tell what is missing.`, {
      expected: `stderr naming SECRET_KEY; it was:\n${stderr.trim().split("\n").slice(-5).join("\n") || "(nothing)"}`,
    });
  }
}
