// POST …/images/generations (JSON) and …/images/edits (multipart) for the OpenAI-compatible mock:
// validate like OpenAI (rules.ts), apply the scripted behaviour (error, firstByteDelayMs,
// omitUsage), answer with url or b64_json images and, for the GPT image models, token usage.
import { invalidJsonBody } from "../mock-errors.ts";
import { sendError, sendJson } from "../mock-respond.ts";
import { sleep } from "../mock-sleep.ts";
import type { MockExchange } from "../mock-types.ts";
import { describeForm, readEditRequest } from "./edits.ts";
import { checkParams, type ImageParams } from "./params.ts";
import { imagesBody } from "./respond.ts";

export interface ImagesContext extends MockExchange {
  /** The model that runs for the requested one (Azure: the deployment's), or undefined when there is none. */
  resolveModel?: (requested: unknown) => string | undefined;
  /** The answer when resolveModel finds none (Azure's DeploymentNotFound). */
  noModel?: { status: number; body: unknown };
}

const wrongContentType = (type: string) => ({
  error: {
    message: `Invalid Content-Type header (${type || "none"}), expected multipart/form-data. (HINT: If you're using curl, you can pass the file with the -F flag.)`,
    type: "invalid_request_error",
    param: null,
    code: null,
  },
});

class NoModel extends Error {}

async function readRequest(ctx: ImagesContext, edits: boolean): Promise<{ params: ImageParams; inputImages: number } | { status: number; body: unknown }> {
  const { record } = ctx;
  const model = (body: Record<string, unknown>): void => {
    if (!ctx.resolveModel) return;
    const resolved = ctx.resolveModel(body.model);
    if (resolved === undefined) throw new NoModel();
    body.model = resolved;
  };
  if (edits) {
    const type = record.headers["content-type"] ?? "";
    if (!type.toLowerCase().startsWith("multipart/form-data")) return { status: 400, body: wrongContentType(type) };
    try {
      const { form, request } = await readEditRequest(type, record.rawBytes ?? Buffer.from(record.rawBody, "utf8"), model);
      record.body = describeForm(form);
      return "error" in request ? { status: 400, body: request } : { params: request.params, inputImages: request.images.length };
    } catch (error) {
      if (error instanceof NoModel && ctx.noModel) return ctx.noModel;
      return { status: 400, body: { error: { message: "Could not parse multipart form.", type: "invalid_request_error", param: null, code: null } } };
    }
  }
  try {
    record.body = JSON.parse(record.rawBody) as unknown;
  } catch {
    return { status: 400, body: invalidJsonBody() };
  }
  const body = typeof record.body === "object" && record.body !== null && !Array.isArray(record.body) ? { ...(record.body as Record<string, unknown>) } : {};
  try {
    model(body);
  } catch (error) {
    if (error instanceof NoModel && ctx.noModel) return ctx.noModel;
    throw error;
  }
  const params = checkParams(body);
  return "error" in params ? { status: 400, body: params } : { params, inputImages: 0 };
}

export async function handleImages(ctx: ImagesContext, edits: boolean): Promise<void> {
  const { res, headers } = ctx;
  const read = await readRequest(ctx, edits);
  if ("status" in read) return sendJson(res, read.status, read.body, headers);
  const behaviour = ctx.pick(ctx.record) ?? {};
  if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, ctx.cancellation))) return;
  if (res.destroyed) return;
  if (behaviour.error) return sendError(res, behaviour.error, read.params.model, ctx.key, headers);
  const body = imagesBody(read.params, read.inputImages);
  if (behaviour.omitUsage) delete body.usage;
  sendJson(res, 200, body, headers);
}
