/**
 * A project upload, read and checked before it is stored: the archive is unpacked on a
 * worker thread only to check it (names, links, counts, sizes, damage), writing nothing; the
 * bytes go into the database with the submission and the worker that grades unpacks them
 * again where it runs. A refused upload creates no pending submission, so refusals are
 * counted per learner: one who keeps sending bad or oversized archives waits.
 */
import type { MultipartFile } from "@fastify/multipart";
import { RoadworkError, isRoadworkError } from "../errors.js";
import { checkArchive } from "../archive/unpack.js";
import type { RouteContext } from "./deps.js";
import { minutes } from "./auth/rate-limit.js";

/** Before the body is read: a learner whose uploads kept being refused waits out the window. */
export function refuseAfterRejectedUploads(ctx: RouteContext, userId: string): void {
  const wait = ctx.uploadRejections.peek(userId);
  if (wait === 0) return;
  const { rejectedUploads, rejectedUploadsWindowMs } = ctx.config.limits;
  throw new RoadworkError(
    "RATE_LIMITED",
    `${rejectedUploads} of your uploads in the last ${minutes(rejectedUploadsWindowMs / 1000, "")} were refused; look at what their answers said about your archive, then upload again in ${minutes(wait)}`,
    { retryAfterSeconds: wait },
  );
}

export async function readCheckedUpload(ctx: RouteContext, userId: string, file: MultipartFile): Promise<Buffer> {
  const { limits } = ctx.config;
  try {
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
        throw new RoadworkError("PAYLOAD_TOO_LARGE", `the archive is larger than ${Math.round(limits.uploadBytes / 1024 / 1024)} MiB; leave out virtual environments, caches and databases`);
      }
      throw error;
    }
    await checkArchive(data, { maxFiles: limits.archiveFiles, maxUnpackedBytes: limits.archiveUnpackedBytes });
    return data;
  } catch (error) {
    if (isRoadworkError(error) && (error.code === "BAD_INPUT" || error.code === "PAYLOAD_TOO_LARGE")) ctx.uploadRejections.hit(userId);
    throw error;
  }
}
