/**
 * The server's configuration: parsed once from CLI flags and the environment, validated at
 * start-up, completed with defaults and deep-frozen. Everything below the CLI receives a
 * `Config` (grading, its `grading` part: src/grading-config.ts) and never reads process.env
 * itself.
 */
import { availableParallelism } from "node:os";
import { resolve, join } from "node:path";
import { z } from "zod";
import { RoadworkError } from "./errors.js";
import { gradingConfigFromEnv, type GradingConfig } from "./grading-config.js";

const MiB = 1024 * 1024;

const limitsSchema = z
  .object({
    /** Largest exercise source a learner may submit or save as a draft. */
    sourceBytes: z.number().int().positive().default(64 * 1024),
    /** Largest project archive upload (compressed); bigger answers 413. */
    uploadBytes: z.number().int().positive().default(10 * MiB),
    /** Files an unpacked project archive may hold. */
    archiveFiles: z.number().int().positive().default(2000),
    /** Bytes an unpacked project archive may hold, all files together. */
    archiveUnpackedBytes: z.number().int().positive().default(50 * MiB),
    /** Submissions of one learner waiting or grading at once; more answer 429 (grading is shared). */
    pendingPerUser: z.number().int().positive().default(5),
    /** Uploads of one learner refused (bad or oversized archives) within rejectedUploadsWindowMs; more answer 429. */
    rejectedUploads: z.number().int().positive().default(10),
    rejectedUploadsWindowMs: z.number().int().positive().default(15 * 60 * 1000),
    /** Login attempts per IP and email within loginWindowMs. */
    loginAttempts: z.number().int().positive().default(10),
    loginWindowMs: z.number().int().positive().default(15 * 60 * 1000),
    /** Failed logins from one client address, whatever the email, within loginWindowMs (password spraying). */
    loginFailuresPerAddress: z.number().int().positive().default(30),
    /** Password hashes (scrypt, about 16 MiB and tens of ms of a core each) computed at once; a quarter of the cores. */
    passwordHashesAtOnce: z.number().int().positive().default(Math.max(1, Math.floor(availableParallelism() / 4))),
    /** Password checks that may wait for one of those; more answer 503 with Retry-After. */
    passwordHashesWaiting: z.number().int().nonnegative().default(16),
    /** Accounts one client address may create per hour. */
    signupsPerHour: z.number().int().positive().default(20),
    /** How long a session lasts without logging in again. */
    sessionTtlMs: z.number().int().positive().default(30 * 24 * 3600 * 1000),
    /**
     * Submissions waiting for a grading worker, all learners together; past it a new
     * submission answers 503 QUEUE_FULL with Retry-After instead of joining a queue whose
     * wait nobody would sit through. Default: 10 per in-process worker (at least 20), or
     * 100 when separate `roadwork worker` processes grade (workers 0).
     */
    queuedMax: z.number().int().positive().optional(),
    /** How long a submission refused with QUEUE_FULL is told to wait (Retry-After). */
    queueFullRetryAfterSeconds: z.number().int().positive().default(5),
    /**
     * A live-results stream wakes on the queue's notifications (in-process events, and
     * PostgreSQL LISTEN/NOTIFY across processes); this slow poll only catches a missed one.
     */
    liveSafetyPollMs: z.number().int().positive().default(5000),
    /** Grading attempts of one job before it gets an error verdict. */
    maxAttempts: z.number().int().positive().default(3),
    /** How long a worker holds a job before another may take it (renewed while grading). */
    leaseMs: z.number().int().positive().default(60_000),
  })
  .strict();

export const configSchema = z
  .object({
    host: z.string().min(1).default("127.0.0.1"),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    dataDir: z.string().min(1).default("./data"),
    /** sqlite:PATH, sqlite::memory:, or postgres://... Default: sqlite in dataDir. */
    databaseUrl: z.string().min(1).optional(),
    /** Extra track folders, loaded after the built-in one. */
    tracks: z.array(z.string().min(1)).default([]),
    /** Load the built-in tracks/python-backend (tests switch it off). */
    builtinTrack: z.boolean().default(true),
    /** In-process grading workers; 0 when separate `roadwork worker` processes grade. */
    workers: z.coerce.number().int().min(0).max(64).default(1),
    /** "open": anyone may sign up; "closed": only admins create accounts (POST /api/admin/users). */
    signup: z.enum(["open", "closed"]).default("open"),
    /** Mark cookies Secure (serve behind HTTPS). */
    secureCookies: z.boolean().default(false),
    /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run): login rate limits are per client address. */
    trustProxy: z.boolean().default(false),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** smtp://[user:password@]host[:port] or smtps://...: where notification email goes. None: notifications stay in the app. */
    smtpUrl: z.url({ protocol: /^smtps?$/, error: "use smtp://[user:password@]host[:port] or smtps://..." }).optional(),
    /** The From of notification email. */
    mailFrom: z.string().min(3).max(200).default("roadwork <roadwork@localhost>"),
    /** The address people reach the server at (https://roadwork.example.org), for links in email. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * `roadwork preview`: every visitor without a session is signed in as one learner, so an
     * educator sees a track as learners do without making accounts. Loopback hosts only.
     */
    preview: z.boolean().default(false),
    limits: limitsSchema.default(() => limitsSchema.parse({})),
    /** What the environment tells grading (configFromEnv reads it); the defaults when absent. */
    grading: z.custom<GradingConfig>((value) => typeof value === "object" && value !== null).optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Limits = Omit<z.infer<typeof limitsSchema>, "queuedMax"> & { queuedMax: number };
export type Config = DeepReadonly<Omit<z.infer<typeof configSchema>, "databaseUrl" | "limits" | "grading"> & { databaseUrl: string; limits: Limits; grading: GradingConfig }>;

/** The global queue bound when none is configured: a wait of a few gradings per worker. */
export function defaultQueuedMax(workers: number): number {
  return workers === 0 ? 100 : Math.max(20, 10 * workers);
}

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/** Turns all-optional input into one complete, frozen Config, or throws BAD_INPUT naming the option. */
export function resolveConfig(input: ConfigInput = {}): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : issue.path.join(".");
    throw new RoadworkError("BAD_INPUT", `invalid configuration${where ? ` (${where})` : ""}: ${issue?.message ?? "unknown problem"}`);
  }
  const value = parsed.data;
  if (value.preview && !LOOPBACK_HOSTS.has(value.host)) {
    throw new RoadworkError("BAD_INPUT", `invalid configuration (preview): a preview signs in everyone who can reach it, so it listens on this machine only (127.0.0.1, ::1 or localhost), not on ${value.host}`);
  }
  const dataDir = resolve(value.dataDir);
  const databaseUrl = value.databaseUrl ?? `sqlite:${join(dataDir, "roadwork.db")}`;
  const limits: Limits = { ...value.limits, queuedMax: value.limits.queuedMax ?? defaultQueuedMax(value.workers) };
  const grading = value.grading ?? gradingConfigFromEnv({});
  return deepFreeze({ ...value, dataDir, databaseUrl, limits, grading, tracks: value.tracks.map((t) => resolve(t)) });
}

/** Reads the options the environment may set (ROADWORK_*), for flags that were not given. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigInput {
  const input: ConfigInput = {};
  if (env.ROADWORK_HOST) input.host = env.ROADWORK_HOST;
  if (env.ROADWORK_PORT ?? env.PORT) input.port = Number(env.ROADWORK_PORT ?? env.PORT);
  if (env.ROADWORK_DATA) input.dataDir = env.ROADWORK_DATA;
  if (env.ROADWORK_DATABASE_URL ?? env.DATABASE_URL) input.databaseUrl = env.ROADWORK_DATABASE_URL ?? env.DATABASE_URL;
  if (env.ROADWORK_WORKERS) input.workers = Number(env.ROADWORK_WORKERS);
  if (env.ROADWORK_QUEUED_MAX) input.limits = { ...input.limits, queuedMax: Number(env.ROADWORK_QUEUED_MAX) };
  if (env.ROADWORK_SECURE_COOKIES) input.secureCookies = env.ROADWORK_SECURE_COOKIES === "1" || env.ROADWORK_SECURE_COOKIES === "true";
  if (env.ROADWORK_TRUST_PROXY) input.trustProxy = env.ROADWORK_TRUST_PROXY === "1" || env.ROADWORK_TRUST_PROXY === "true";
  if (env.ROADWORK_SIGNUP) input.signup = env.ROADWORK_SIGNUP as ConfigInput["signup"];
  if (env.ROADWORK_SMTP_URL) input.smtpUrl = env.ROADWORK_SMTP_URL;
  if (env.ROADWORK_MAIL_FROM) input.mailFrom = env.ROADWORK_MAIL_FROM;
  if (env.ROADWORK_PUBLIC_URL) input.publicUrl = env.ROADWORK_PUBLIC_URL;
  if (env.ROADWORK_LOG_LEVEL) input.logLevel = env.ROADWORK_LOG_LEVEL as ConfigInput["logLevel"];
  input.grading = gradingConfigFromEnv(env);
  return input;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
