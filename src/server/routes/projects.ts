/** Project submissions: an uploaded .zip or .tar.gz, unpacked safely, then graded stage by stage. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { RoadworkError, isRoadworkError } from "../../errors.js";
import { unpackArchive } from "../archive.js";
import { requireUser } from "../http.js";
import { presentSubmission } from "../presenters.js";
import { refuseWhenTooManyPending, submitAndQueue } from "./submissions.js";
import type { RouteContext } from "../app.js";

export default function projectRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store, config } = ctx;

  app.post<{ Params: { id: string } }>("/api/projects/:id/submissions", async (request, reply) => {
    const user = requireUser(request);
    const project = catalog.project(request.params.id);
    if (project === undefined) throw new RoadworkError("NOT_FOUND", `no project "${request.params.id}"`);
    await refuseWhenTooManyPending(ctx, user.id);
    if (!request.isMultipart()) throw new RoadworkError("BAD_INPUT", "upload the project as multipart/form-data with the archive in a field named `archive`");
    const file = await request.file();
    if (file === undefined) throw new RoadworkError("BAD_INPUT", "the upload holds no file; send the archive in a field named `archive`");
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
        throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive is larger than ${Math.round(config.limits.uploadBytes / 1024 / 1024)} MiB; leave out virtual environments, caches and databases`);
      }
      throw error;
    }
    // Unpacked once only to check it (names, links, limits, duplicates); the bytes go into the
    // database with the submission and the worker that grades unpacks them again where it runs.
    const check = await mkdtemp(join(tmpdir(), "roadwork-upload-check-"));
    try {
      await unpackArchive(data, join(check, "app"), { maxFiles: config.limits.archiveFiles, maxUnpackedBytes: config.limits.archiveUnpackedBytes });
    } catch (error) {
      if (isRoadworkError(error)) throw error;
      throw new RoadworkError("BAD_INPUT", `the archive could not be unpacked: ${(error as Error).message}`, { cause: error });
    } finally {
      await rm(check, { recursive: true, force: true });
    }
    const submission = await submitAndQueue(ctx, { userId: user.id, itemKind: "project", itemId: project.id, archive: data });
    return reply.status(202).send({ id: submission.id, status: submission.status, url: `/api/submissions/${submission.id}`, eventsUrl: `/api/submissions/${submission.id}/events` });
  });

  app.get<{ Params: { id: string } }>("/api/projects/:id/submissions", async (request) => {
    const user = requireUser(request);
    if (catalog.project(request.params.id) === undefined) throw new RoadworkError("NOT_FOUND", `no project "${request.params.id}"`);
    const history = await store.submissions.history(user.id, request.params.id);
    return { submissions: history.map((s) => presentSubmission(s)) };
  });
}
