/**
 * A stand-in Sandbox for the project tests when the real one cannot run here: it runs the
 * (trusted, test-written) apps as plain host processes, translating the sandbox paths of
 * mounts into host paths and ports into per-run host ports. It protects nothing; it exists
 * so that the project runner's own logic is tested on machines without bubblewrap.
 */
import { spawn } from "node:child_process";
import { connect as netConnect, createServer, type Server } from "node:net";
import type { Duplex } from "node:stream";
import type { Sandbox, SandboxIdentity, SandboxMount, SandboxProcess, SandboxResult, SandboxSpec } from "../../src/grading/sandbox/types.js";

let nextPortBase = 20_000 + Math.floor(Math.random() * 20_000);

export function createHostSandbox(): Sandbox {
  const sandbox: Sandbox = {
    name: "host (tests only)",
    protections: () => Promise.resolve([]),
    acquireIdentity: () => Promise.resolve<SandboxIdentity>({ uid: process.getuid?.() ?? 0, release: () => Promise.resolve() }),
    run: (spec) => sandbox.spawn(spec).result,
    close: () => Promise.resolve(),
    spawn: (spec) => spawnOnHost(spec),
  };
  return sandbox;
}

function spawnOnHost(spec: SandboxSpec): SandboxProcess {
  const portBase = (nextPortBase += 10);
  const mounts = spec.mounts ?? [];
  // Inside ports are mapped to portBase + (port mod 10): 8000 -> base, 1025 -> base+5.
  const mapPort = (port: number): number => portBase + (port % 10);
  // One pass, so a translated host path is never translated again ("/data/app.db" keeps its "/app").
  const byPath = new Map(mounts.map((m) => [m.sandboxPath, m.hostPath]));
  const pattern = new RegExp(`(?<![\\w.-])(${[...byPath.keys()].map(escapeRegex).join("|") || "(?!)"})(?=/|$|\\s)`, "g");
  const translate = (text: string): string =>
    text.replace(pattern, (p) => byPath.get(p) ?? p).replace(/\b(8000|1025|5432)\b/g, (p) => String(mapPort(Number(p))));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.env ?? {})) env[key] = translate(value);
  env["HOME"] = "/tmp";
  env["TMPDIR"] = "/tmp";
  const [cmd, ...args] = spec.argv.map(translate);
  const child = spawn(cmd ?? "/bin/false", args, { cwd: translate(spec.cwd ?? "/tmp"), env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  if (spec.stdin !== undefined) child.stdin.end(spec.stdin);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => stdout.push(c));
  child.stderr.on("data", (c: Buffer) => stderr.push(c));
  const servers: Server[] = [];
  const started = Date.now();
  const result = new Promise<SandboxResult>((resolve) => {
    child.on("close", (code, signal) => {
      for (const server of servers) server.close();
      resolve({ exitCode: code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), outputTruncated: false, limitsHit: [], wallTimeMs: Date.now() - started, cpuTimeMs: 0 });
    });
  });
  return {
    stdin: spec.stdin === undefined ? child.stdin : null,
    stdout: child.stdout,
    stderr: child.stderr,
    channels: [],
    result,
    // This stand-in cannot tell; nothing that uses it bounds a run by its own clock.
    cpuWaitMs: () => 0,
    signal: (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
      return Promise.resolve();
    },
    connect: (port) =>
      new Promise<Duplex>((resolve, reject) => {
        const socket = netConnect(mapPort(port), "127.0.0.1");
        socket.once("connect", () => resolve(socket));
        socket.once("error", reject);
      }),
    expose: (port, hostSocketPath) =>
      new Promise<void>((resolve, reject) => {
        const server = createServer((inside) => {
          const outside = netConnect(hostSocketPath);
          inside.pipe(outside).pipe(inside);
          inside.on("error", () => outside.destroy());
          outside.on("error", () => inside.destroy());
        });
        servers.push(server);
        server.once("error", reject);
        server.listen(mapPort(port), "127.0.0.1", () => resolve());
      }),
    kill: async () => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      return result;
    },
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type { SandboxMount };
