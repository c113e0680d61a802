#!/usr/bin/env node
// Makes sure the machine has what roadwork needs beyond npm: Debian packages for the
// sandbox and the Python frameworks learners use, and node_modules. Run by `npm start` and
// `npm test` before anything else, so that two commands work on a fresh Debian machine.
// As root it installs with apt-get; otherwise it prints the exact command and exits 2.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const PACKAGES = [
  // The sandbox.
  { deb: "bubblewrap", check: () => existsSync("/usr/bin/bwrap") },
  { deb: "util-linux", check: () => existsSync("/usr/bin/setpriv") && existsSync("/usr/bin/nsenter") },
  // The interpreter learners' code runs with, and what runs inside the sandbox with it.
  { deb: "python3", check: () => existsSync("/usr/bin/python3") },
  ...[
    ["python3-seccomp", "seccomp"],
    ["python3-pytest", "pytest"],
    ["python3-flask", "flask"],
    ["python3-django", "django"],
    ["python3-fastapi", "fastapi"],
    ["python3-uvicorn", "uvicorn"],
    ["python3-multipart", "multipart"],
    ["python3-sqlalchemy", "sqlalchemy"],
    ["python3-psycopg2", "psycopg2"],
    // The production servers of the task tracker's last stages (gunicorn; uvicorn is above),
    // and Prometheus' client, which learners may use for its multi-process counters.
    ["python3-gunicorn", "gunicorn"],
    ["python3-prometheus-client", "prometheus_client"],
  ].map(([deb, module]) => ({ deb, module })),
];

function missingPythonModules(modules) {
  if (!existsSync("/usr/bin/python3") || modules.length === 0) return modules;
  const probe = `import importlib.util,sys\nfor m in sys.argv[1:]:\n    if importlib.util.find_spec(m) is None: print(m)`;
  const run = spawnSync("/usr/bin/python3", ["-I", "-c", probe, ...modules], { encoding: "utf8" });
  return run.stdout.split("\n").filter(Boolean);
}

const wantsBrowser = process.argv.includes("--browser");
const modules = PACKAGES.filter((p) => p.module).map((p) => p.module);
const missingModules = new Set(missingPythonModules(modules));
const missing = PACKAGES.filter((p) => (p.module ? missingModules.has(p.module) : !p.check())).map((p) => p.deb);
if (wantsBrowser && !existsSync("/usr/bin/chromium")) missing.push("chromium");

if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() === 0) {
    console.log(`roadwork: installing Debian packages: ${missing.join(" ")}`);
    const run = spawnSync("sh", ["-c", command], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (run.status !== 0) {
      console.error(`roadwork: apt-get failed. Run this as root, then try again:\n  ${command}`);
      process.exit(2);
    }
  } else {
    console.error(`roadwork needs Debian packages that are not installed. Run as root:\n  sudo sh -c '${command}'`);
    process.exit(2);
  }
}

if (!existsSync(new URL("../node_modules/.package-lock.json", import.meta.url))) {
  console.log("roadwork: installing npm packages (npm ci)");
  const run = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 2);
}
