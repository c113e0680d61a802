// A `roadwork serve` for a bench and its first learner: the base URL it prints once it
// listens (on port 0), and a signed-up learner's session. Shared by bench/git-push.mjs,
// bench/submit-verdict.mjs and bench/server-load.mjs.

/** Resolves with the base URL `roadwork serve` prints ("listening on http://..."); rejects if it exits first. */
export function listeningBase(server) {
  return new Promise((resolve, reject) => {
    let out = "";
    server.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolve(match[1]);
    });
    server.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

/** Signs up bench@example.org; returns its session cookie and CSRF token. */
export async function signUpBench(base) {
  const signup = await fetch(`${base}/api/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@example.org", name: "Bench", password: "bench password 1" }) });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
  const { csrfToken } = await signup.json();
  const cookie = signup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { cookie, csrfToken };
}
