/**
 * `git push` to roadwork (git smart HTTP, receive-pack only): each learner has one remote
 * per project, /git/<project>.git, which is always their own (the URL names no user: the
 * token says who is pushing). A push of a branch is graded like an uploaded archive (same
 * queue, same gradeJob), and the stage results are told into the push's output while it
 * waits. The pack is handled in the sandbox only (../git/sandbox-receive.ts). docs/api.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RoadworkError, isRoadworkError } from "../../errors.js";
import { checkArchive } from "../../archive/unpack.js";
import type { Sandbox } from "../../grading/sandbox/types.js";
import { sandboxOptions } from "../../grading-config.js";
import type { UserRow } from "../../store/index.js";
import { minutes } from "../auth/rate-limit.js";
import { TOKEN_PREFIX } from "../../store/repositories/tokens.js";
import type { RouteContext } from "../deps.js";
import { advertiseReceivePack, isBranchRef, parseReceiveRequest, reportStatus, sideband, FLUSH, ZERO_ID, type RefUpdate } from "../git/pkt-line.js";
import { RepoStore } from "../git/repo-store.js";
import { receiveInSandbox } from "../git/sandbox-receive.js";
import { reportGrading } from "../git/push-report.js";
import { submitAndQueue } from "./submissions.js";

/** Branches only; no deletes (not advertised, so git refuses them itself); side-band for the stage lines. */
const CAPABILITIES = ["report-status", "side-band-64k", "quiet", "ofs-delta", "agent=roadwork"];
const REQUEST_TYPE = "application/x-git-receive-pack-request";
const DEFAULT_WAIT_MS = 10 * 60_000;
const MAX_UPDATES = 20;
/** The stored repository and a push together, at most this many times the upload limit (git's files in the sandbox are bounded by it). */
const REPO_FACTOR = 4;

export default function gitRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const repos = new RepoStore(ctx.store, ctx.gitRoot ?? `${ctx.config.dataDir}/git`, ctx.now);
  let sandbox: Promise<Sandbox> | undefined;
  // One sandbox for the process, made at the first push: a server that never sees a push never checks the machine for it.
  const sandboxForPushes = (): Promise<Sandbox> =>
    (sandbox ??= (ctx.gitSandbox ?? (async () => (await import("../../grading/sandbox/index.js")).createSandbox(sandboxOptions(ctx.config.grading))))().catch((error: unknown) => {
      sandbox = undefined;
      throw new RoadworkError("SANDBOX_UNAVAILABLE", `pushes cannot be read on this server: ${isRoadworkError(error) ? error.message : String(error)}`, { cause: error });
    }));
  app.addHook("onClose", async () => {
    // A sandbox that did not start was reported to the push that asked for it: nothing to close then.
    const [made] = sandbox === undefined ? [] : await Promise.allSettled([sandbox]);
    if (made?.status === "fulfilled") await made.value.close();
  });
  const maxBytes = ctx.config.limits.uploadBytes;

  void app.register(async (scope) => {
    // The push as bytes, refused by name past the upload limit (git shows "HTTP 413").
    scope.addContentTypeParser(REQUEST_TYPE, async (_request: FastifyRequest, payload: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const tooLarge = (): RoadworkError => new RoadworkError("PAYLOAD_TOO_LARGE", `the push is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; leave build output, data files and virtual environments out of the repository (.gitignore)`);
      for await (const chunk of payload as AsyncIterable<Buffer>) {
        size += chunk.length;
        // Past the limit nothing more is kept, but a little more is read and dropped: a client
        // still sending when the connection closes sees a reset, not the 413 that names why.
        // Past four times the limit the connection is cut.
        if (size > 4 * maxBytes) throw tooLarge();
        if (size <= maxBytes + 64 * 1024) chunks.push(chunk);
      }
      if (size > maxBytes + 64 * 1024) throw tooLarge();
      return Buffer.concat(chunks);
    });

    scope.get<{ Params: { repo: string }; Querystring: { service?: string } }>("/git/:repo/info/refs", async (request, reply) => {
      const user = await pusher(request, reply, ctx);
      const projectId = projectOf(request.params.repo, ctx);
      if (request.query.service !== "git-receive-pack") {
        throw new RoadworkError("FORBIDDEN", "this remote takes pushes only (git push); clone and fetch from your own repository");
      }
      const refs = await repos.refs(user.id, projectId, formerIds(projectId, ctx));
      return reply.header("cache-control", "no-cache").type("application/x-git-receive-pack-advertisement").send(advertiseReceivePack(refs, CAPABILITIES));
    });

    scope.post<{ Params: { repo: string }; Body: Buffer }>("/git/:repo/git-receive-pack", async (request, reply) => {
      const user = await pusher(request, reply, ctx);
      const projectId = projectOf(request.params.repo, ctx);
      if (!Buffer.isBuffer(request.body)) throw new RoadworkError("BAD_INPUT", `send the push as ${REQUEST_TYPE}`);
      const parsed = parseReceiveRequest(request.body);
      // git's probe before a large push: credentials are fine, nothing to do.
      if (parsed.commands.length === 0) return reply.type("application/x-git-receive-pack-result").send(Buffer.alloc(0));
      // Each update costs git runs in the sandbox: a learner's push names one branch, rarely a few.
      if (parsed.commands.length > MAX_UPDATES) throw new RoadworkError("BAD_INPUT", `a push may update at most ${MAX_UPDATES} branches; push them in parts`);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "application/x-git-receive-pack-result", "cache-control": "no-cache", "x-accel-buffering": "no" });
      const say = (text: string): void => void res.write(sideband(2, text));
      const closed = new AbortController();
      res.on("close", () => closed.abort());
      const site = `${request.protocol}://${request.host}`;
      try {
        const report = await repos.exclusive(user.id, projectId, () => receive(ctx, repos, sandboxForPushes, { userId: user.id, projectId, commands: parsed.commands, pack: parsed.pack, maxBytes, say }));
        res.write(sideband(1, reportStatus(report.unpackError, report.refs)));
        if (report.submissionId !== undefined) {
          await reportGrading(ctx, report.submissionId, say, { waitMs: ctx.pushWaitMs ?? DEFAULT_WAIT_MS, pageUrl: `${site}/projects/${projectId}`, signal: AbortSignal.any([closed.signal, ctx.closing]) });
        }
      } catch (error) {
        request.log.error({ err: error }, "git push failed");
        const message = isRoadworkError(error) ? error.message : "something went wrong on our side; it has been logged";
        res.write(sideband(3, `${message}\n`));
      } finally {
        res.end(FLUSH);
      }
    });
  });
}

interface ReceiveArgs {
  userId: string;
  projectId: string;
  commands: RefUpdate[];
  pack: Buffer;
  maxBytes: number;
  say: (text: string) => void;
}

interface ReceiveReport {
  unpackError: string | null;
  refs: { ref: string; error?: string }[];
  submissionId?: string;
}

/** Checks the ref updates, takes the pack in through the sandbox, keeps the new state, and queues the graded branch. */
async function receive(ctx: RouteContext, repos: RepoStore, sandbox: () => Promise<Sandbox>, args: ReceiveArgs): Promise<ReceiveReport> {
  const stored = await repos.read(args.userId, args.projectId, formerIds(args.projectId, ctx));
  if (stored.pack.length + args.pack.length > REPO_FACTOR * args.maxBytes) {
    const mib = Math.round((REPO_FACTOR * args.maxBytes) / 1024 / 1024);
    return { unpackError: `repository too large`, refs: args.commands.map((c) => ({ ref: c.ref, error: `your repository on the server would be over ${mib} MiB; leave data files and build output out of its history` })) };
  }
  const refused = new Map<string, string>();
  for (const c of args.commands) {
    const current = stored.refs.get(c.ref) ?? ZERO_ID;
    if (!isBranchRef(c.ref)) refused.set(c.ref, "only branches (refs/heads/...) are kept here");
    else if (c.new === ZERO_ID) refused.set(c.ref, "deleting a branch is not supported");
    else if (c.old !== current) refused.set(c.ref, "the branch moved since you fetched (stale info)");
  }
  const accepted = args.commands.filter((c) => !refused.has(c.ref));
  const statuses = (results: Map<string, string | undefined>): { ref: string; error?: string }[] =>
    args.commands.map((c) => {
      const error = refused.get(c.ref) ?? results.get(c.ref);
      return error === undefined ? { ref: c.ref } : { ref: c.ref, error };
    });
  if (accepted.length === 0) return { unpackError: null, refs: statuses(new Map()) };
  // One branch is graded per push: the first one named (`git push roadwork main` names one).
  const grade = accepted[0];
  args.say("reading your push...\n");
  const outcome = await receiveInSandbox(await sandbox(), { stored, pushed: args.pack, commands: accepted, ...(grade === undefined ? {} : { grade }), maxBytes: args.maxBytes });
  if (outcome.kind === "refused") {
    args.say(`${outcome.message}\n`);
    return { unpackError: outcome.message, refs: args.commands.map((c) => ({ ref: c.ref, error: refused.get(c.ref) ?? "not kept: the push could not be read" })) };
  }
  if (!(await repos.write(args.userId, args.projectId, { refs: outcome.refs, pack: outcome.pack }, stored.version))) {
    // Another server kept a push of this repository while this one was read: nothing of this one is kept.
    const now = await repos.refs(args.userId, args.projectId, formerIds(args.projectId, ctx));
    const lost = (c: RefUpdate): string =>
      (now.get(c.ref) ?? ZERO_ID) === c.old ? "another push to your repository was kept while yours was read; push again" : "fetch first: the branch moved while your push was read (another push came first)";
    args.say("another push to this repository was kept first; nothing of this push is kept\n");
    return { unpackError: null, refs: args.commands.map((c) => ({ ref: c.ref, error: refused.get(c.ref) ?? lost(c) })) };
  }
  const results = new Map(outcome.results.map((r) => [r.ref, r.ok ? undefined : (r.message ?? "refused")]));
  const refs = statuses(results);
  for (const c of accepted.slice(1)) if (results.get(c.ref) === undefined) args.say(`${c.ref} kept, not graded: one branch is graded per push\n`);
  if (grade === undefined || results.get(grade.ref) !== undefined || outcome.archive === undefined) return { unpackError: null, refs };
  if (outcome.skipped.length > 0) args.say(`left out of grading (links and submodules are not part of a submission): ${outcome.skipped.slice(0, 10).join(", ")}${outcome.skipped.length > 10 ? ", ..." : ""}\n`);
  try {
    const { limits } = ctx.config;
    await checkArchive(outcome.archive, { maxFiles: limits.archiveFiles, maxUnpackedBytes: limits.archiveUnpackedBytes });
    const { submission } = await submitAndQueue(ctx, { userId: args.userId, itemKind: "project", itemId: args.projectId, archive: outcome.archive, commitId: grade.new });
    return { unpackError: null, refs, submissionId: submission.id };
  } catch (error) {
    if (!isRoadworkError(error)) throw error;
    // The branch is kept either way; the learner pushes again (or submits) once this is fixed.
    args.say(`your push is kept but not graded: ${error.message}\n`);
    return { unpackError: null, refs };
  }
}

/**
 * The learner, from HTTP Basic with their API token as the password (`git` asks for a
 * username and a password; the username is not checked). Without credentials, 401 with
 * WWW-Authenticate, which is what makes git ask for them. Wrong tokens are counted like
 * failed log-ins (per address, and per address and email user name) and answered 429 past
 * the limit, before any look-up.
 */
async function pusher(request: FastifyRequest, reply: FastifyReply, ctx: RouteContext): Promise<UserRow> {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  const decoded = match?.[1] === undefined ? undefined : Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded?.indexOf(":") ?? -1;
  const token = decoded === undefined ? undefined : colon === -1 ? decoded : decoded.slice(colon + 1) || decoded.slice(0, colon);
  const askForToken = (message: string): RoadworkError => {
    reply.header("www-authenticate", 'Basic realm="roadwork", charset="UTF-8"');
    return new RoadworkError("UNAUTHORIZED", message);
  };
  // git's first request carries no credentials: that is how it learns to ask, not a guess.
  if (token === undefined) throw askForToken("git push needs your API token as the password (create one on your account page)");
  const name = colon === -1 ? "" : (decoded?.slice(0, colon).trim().toLowerCase() ?? "");
  const accountKey = name.includes("@") ? `${request.ip}|${name}` : undefined;
  const addressWait = ctx.gitAuthFailures.peek(request.ip);
  if (addressWait > 0) throw new RoadworkError("RATE_LIMITED", `too many wrong API tokens from your address; try again in ${minutes(addressWait)}`, { retryAfterSeconds: addressWait });
  const accountWait = accountKey === undefined ? 0 : ctx.gitAuthFailuresPerAccount.peek(accountKey);
  if (accountWait > 0) throw new RoadworkError("RATE_LIMITED", `too many wrong API tokens for ${name} from your address; try again in ${minutes(accountWait)}`, { retryAfterSeconds: accountWait });
  const user = token.startsWith(TOKEN_PREFIX) ? await ctx.store.tokens.findUser(token, ctx.now()) : undefined;
  if (user === undefined) {
    ctx.gitAuthFailures.hit(request.ip);
    if (accountKey !== undefined) ctx.gitAuthFailuresPerAccount.hit(accountKey);
    throw askForToken(token.startsWith(TOKEN_PREFIX) ? "this API token is unknown or was revoked; create a new one on your account page" : "git push needs your API token as the password (it starts with rw_; create one on your account page)");
  }
  return user;
}

/** The project a remote names: by its id, or by a former id (a learner's remote set up before a rename keeps working). */
function projectOf(repo: string, ctx: RouteContext): string {
  const id = repo.endsWith(".git") ? repo.slice(0, -4) : repo;
  const current = ctx.catalog.project(id) === undefined ? ctx.catalog.renamedTo(id) : id;
  if (current === undefined || ctx.catalog.project(current) === undefined) throw new RoadworkError("NOT_FOUND", `no project "${id}": the remote is /git/<project>.git`);
  return current;
}

function formerIds(projectId: string, ctx: RouteContext): readonly string[] {
  return ctx.catalog.project(projectId)?.project.formerly ?? [];
}
