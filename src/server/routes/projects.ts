/** Project submissions: an uploaded .zip or .tar.gz, unpacked safely, then graded stage by stage. */
import type { FastifyInstance } from "fastify";
import { RoadworkError } from "../../errors.js";
import { readCheckedUpload, refuseAfterRejectedUploads } from "../upload-check.js";
import { requireUser } from "../http.js";
import { presentSubmission } from "../presenters.js";
import { refuseWhenTooManyPending, submitAndQueue } from "./submissions.js";
import { refuseWhenQueueFull } from "../queue-bound.js";
import type { RouteContext } from "../deps.js";
import { earlierSubmission, idempotencyKeyOf, sendSubmitted } from "../idempotency.js";

export default function projectRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store } = ctx;

  app.post<{ Params: { id: string } }>("/api/projects/:id/submissions", async (request, reply) => {
    const user = requireUser(request);
    const project = catalog.requireProject(request.params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const keyed = { userId: user.id, itemKind: "project" as const, itemId: project.id, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
    // A retry gets the first upload's submission without sending the archive through checks again.
    const earlier = await earlierSubmission(store, keyed);
    if (earlier !== undefined) return sendSubmitted(reply, { submission: earlier, replayed: true });
    await refuseWhenTooManyPending(ctx, user.id);
    // Before reading the upload: a full queue should not cost the server the archive's bytes.
    await refuseWhenQueueFull(ctx);
    refuseAfterRejectedUploads(ctx, user.id);
    if (!request.isMultipart()) throw new RoadworkError("BAD_INPUT", "upload the project as multipart/form-data with the archive in a field named `archive`");
    const file = await request.file();
    if (file === undefined) throw new RoadworkError("BAD_INPUT", "the upload holds no file; send the archive in a field named `archive`");
    const data = await readCheckedUpload(ctx, user.id, file);
    return sendSubmitted(reply, await submitAndQueue(ctx, { ...keyed, archive: data }));
  });

  app.get<{ Params: { id: string } }>("/api/projects/:id/submissions", async (request) => {
    const user = requireUser(request);
    catalog.requireProject(request.params.id);
    const history = await store.submissions.history(user.id, request.params.id);
    return { submissions: history.map((s) => presentSubmission(s)) };
  });
}
