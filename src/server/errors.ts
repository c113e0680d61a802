/**
 * Every error answer is `{ error: { code, message } }`. A RoadworkError carries its status;
 * Fastify's own client errors (bad JSON, body too large) keep theirs under our codes;
 * anything else is a bug: logged with its stack, answered as a plain 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_STATUS, isRoadworkError, type ErrorCode } from "../errors.js";

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "BAD_INPUT",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "RATE_LIMITED",
};

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.status(status).type("application/json; charset=utf-8").send({ error: { code, message } });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isRoadworkError(error)) {
    if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
    if (error.status >= 500 && error.code !== "BUSY" && error.code !== "SANDBOX_UNAVAILABLE" && error.code !== "QUEUE_FULL") request.log.error({ err: error }, error.message);
    return sendError(reply, error.status, error.code, error.message);
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? "BAD_INPUT";
    const message = status === 413 ? "the request body is too large" : error.message;
    return sendError(reply, status, code, message);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendError(reply, ERROR_STATUS.INTERNAL, "INTERNAL", "something went wrong on our side; it has been logged");
}
