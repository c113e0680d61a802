/**
 * One grading that proves the sandbox end to end: a tiny function exercise and its right
 * answer, graded exactly as a learner's submission is (solution and harness processes, the
 * harness mount, seccomp, cgroups, the uid pool). `roadwork serve` and `roadwork worker`
 * run it before they accept work, and again now and then while grading is unavailable, to
 * notice when it works again.
 */
import type { Exercise } from "../content/exercise.js";
import type { GradingBackend } from "../worker/backend.js";
import { discardResults } from "../worker/sink.js";

const CANARY: Exercise = {
  kind: "function",
  dir: "(built in: the start-up check)",
  config: { id: "roadwork-canary", title: "Start-up check", kind: "function", mode: "tamper-proof", ordered: false },
  readme: "",
  starter: "",
  solution: "def add(a, b):\n    return a + b\n",
  bad: [],
  tests: "from solution import add\n\n\ndef test_adds():\n    assert add(2, 3) == 5\n",
};

/** A grading takes well under a second; a canary still running after this counts as failed. */
const CANARY_TIMEOUT_MS = 60_000;

/** undefined when grading works; otherwise why not, in a sentence for an operator. */
export async function proveGrading(backend: GradingBackend): Promise<string | undefined> {
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve(`the check grading did not finish within ${CANARY_TIMEOUT_MS / 1000} s`);
    }, CANARY_TIMEOUT_MS);
  });
  const grading = backend.gradeExercise(CANARY, CANARY.solution, { signal: stop.signal, sink: discardResults }).then(
    (report) => {
      if (report.status === "pass") return undefined;
      const failed = report.tests.find((test) => test.status !== "pass");
      return `the check grading of a right answer ended in "${report.status}": ${report.message ?? failed?.message ?? "no message"}`;
    },
    (error: unknown) => `the check grading broke down: ${error instanceof Error ? error.message : String(error)}`,
  );
  try {
    return await Promise.race([grading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
