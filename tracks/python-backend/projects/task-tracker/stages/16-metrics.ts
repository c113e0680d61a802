/**
 * Stage 16: Prometheus metrics. Served as in production (two workers), GET /metrics
 * answers in Prometheus' text format with a counter http_requests_total{method, path,
 * status}. Between two reads, requests are made, and each series must have grown by
 * exactly that many, whichever worker answered each request and each read: counters kept
 * in one process's memory count only that process's share.
 */
import type { StageContext, StageResponse } from "../../../../../src/grading/project/stage-api.js";
import { alternateWorkers, expectStatus, signUpAndLogIn } from "./support.js";

const METRIC = "http_requests_total";

interface Series {
  labels: Record<string, string>;
  value: number;
}

export default async function stage(t: StageContext): Promise<void> {
  await t.check(`GET /metrics answers 200 in Prometheus' text format, with the counter ${METRIC}`, async () => {
    // Served so since stage 14's last check: counters are compared before and after, so an app that has served requests already is as good as a fresh one.
    await t.ensureApp({ production: true });
    await expectStatus(t, { method: "GET", path: "/healthz" }, 200);
    const res = await expectStatus(t, { method: "GET", path: "/metrics" }, 200);
    readMetrics(t, res);
  });

  // Reads on one worker, requests on the other (alternateWorkers), then with other counts
  // as they come: a per-process counter cannot match either.
  const user = await signUpAndLogIn(t, "metrics").catch(() => undefined);
  for (const [healthz, unauthorized, alternate] of [
    [6, 3, true],
    [4, 5, false],
  ] as const) {
    await t.check(`after ${healthz} GET /healthz and ${unauthorized} GET /tasks without a token, their series have grown by exactly ${healthz} and ${unauthorized}${alternate ? " (read through one worker, sent through the other)" : ""}`, async () => {
      if (!user) t.fail("Signing up and logging in did not work (stages 7-9).");
      let before: Series[] = [];
      let after: Series[] = [];
      const read = async (): Promise<Series[]> => readMetrics(t, await expectStatus(t, { method: "GET", path: "/metrics" }, 200));
      const send = async (): Promise<void> => {
        for (let i = 0; i < healthz; i++) await expectStatus(t, { method: "GET", path: "/healthz" }, 200);
        for (let i = 0; i < unauthorized; i++) await expectStatus(t, { method: "GET", path: "/tasks" }, 401);
      };
      const steps = [async () => void (before = await read()), send, async () => void (after = await read())];
      if (alternate) await alternateWorkers(t, user.headers, steps);
      else for (const step of steps) await step();
      for (const [path, status, made] of [
        ["/healthz", "200", healthz],
        ["/tasks", "401", unauthorized],
      ] as const) {
        const grown = valueOf(after, path, status) - valueOf(before, path, status);
        if (grown !== made) {
          t.fail(`${METRIC}{method="GET",path="${path}",status="${status}"} grew by ${grown} while ${made} such requests were answered (it read ${valueOf(before, path, status)}, then ${valueOf(after, path, status)}). The app runs as two worker processes and each read of /metrics reaches either one: counts kept in a process's memory only hold that process's share. Keep them where every worker counts into the same place (the database), and count each request once its status is known.`, {
            expected: `${METRIC}{method="GET",path="${path}",status="${status}"} ${valueOf(before, path, status) + made}`,
          });
        }
      }
    });
  }
}

function valueOf(series: Series[], path: string, status: string): number {
  return series.filter((each) => each.labels.method === "GET" && each.labels.path === path && each.labels.status === status).reduce((sum, each) => sum + each.value, 0);
}

/** The samples of METRIC in a text exposition; fails the check when the format is not Prometheus'. */
function readMetrics(t: StageContext, res: StageResponse): Series[] {
  const type = res.headers["content-type"] ?? "";
  if (!type.startsWith("text/plain")) {
    t.fail(`GET /metrics answered with Content-Type ${type || "(none)"}. Prometheus reads its text format, served as text/plain.`, { response: res, expected: "Content-Type: text/plain; version=0.0.4" });
  }
  if (!new RegExp(`^# TYPE ${METRIC} counter$`, "m").test(res.text)) {
    t.fail(`GET /metrics has no line "# TYPE ${METRIC} counter": Prometheus needs it to know the metric is a counter.`, { response: res, expected: `# TYPE ${METRIC} counter\n${METRIC}{method="GET",path="/healthz",status="200"} 3` });
  }
  const series: Series[] = [];
  for (const line of res.text.split("\n")) {
    if (!line.startsWith(`${METRIC}{`) && !line.startsWith(`${METRIC} `)) continue;
    const match = /^[a-zA-Z_:][\w:]*(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/.exec(line);
    const labels = match ? parseLabels(match[1] ?? "") : undefined;
    const value = match ? Number(match[2]) : Number.NaN;
    if (labels === undefined || !Number.isFinite(value)) {
      t.fail(`This line of GET /metrics is not a Prometheus sample: ${JSON.stringify(line.slice(0, 200))}.`, { response: res, expected: `${METRIC}{method="GET",path="/healthz",status="200"} 3` });
    }
    series.push({ labels, value });
  }
  return series;
}

/** `a="x",b="y\"z"` as an object; undefined when it is not label syntax. */
function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  const pattern = /\s*([a-zA-Z_]\w*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    labels[match[1] ?? ""] = (match[2] ?? "").replace(/\\(.)/g, (_all, c: string) => (c === "n" ? "\n" : c));
    at = pattern.lastIndex;
  }
  return labels;
}
