// POST /v1/images/generations (JSON) and /v1/images/edits (multipart), also under /api/v1: parse
// and check the request (validate.ts, form.ts, files.ts), run it through the endpoint runner
// (keys by project mode and BYOK controls, failover, one usage event), and answer with the
// upstream's ImagesResponse as sent (url or b64_json images), its `usage` extended with the
// cost fields (dall-e answers have no usage: one is added that carries only the cost fields).
import { SwitchyardError } from "@switchyard/core";
import { sendImages, type ImageFile, type ImagesOutcome, type UpstreamTarget } from "@switchyard/providers";
import type { H3, H3Event } from "h3";
import type { ChatDeps } from "../../chat/run.ts";
import { readJsonRequest } from "../../web/body.ts";
import { endpointInput } from "../input.ts";
import type { Ran, RunEndpoint } from "../run-endpoint.ts";
import { checkEditFiles } from "./files.ts";
import { readImageForm } from "./form.ts";
import { abandonedUsage, imagesUsage } from "./usage.ts";
import { validateImageParams, type ImageParams } from "./validate.ts";

/** Default largest edits upload (all files and fields), bytes. */
export const DEFAULT_IMAGES_MAX_BYTES = 50 * 1024 * 1024;

type Answer = Record<string, unknown>;

function respond(ran: Ran<Answer>, params: ImageParams, inputImages: number): Response {
  const fields = ran.bill(imagesUsage(params, ran.value, inputImages));
  const upstreamUsage = typeof ran.value.usage === "object" && ran.value.usage !== null ? (ran.value.usage as Answer) : {};
  const body = JSON.stringify({ ...ran.value, usage: { ...upstreamUsage, ...fields } });
  return new Response(body, { status: 200, headers: { "content-type": "application/json", ...ran.headers } });
}

function spec(params: ImageParams, endpoint: "generations" | "edits", call: (target: UpstreamTarget, signal: AbortSignal) => Promise<ImagesOutcome>) {
  return {
    endpoint: `images.${endpoint}` as const,
    path: `POST /v1/images/${endpoint}`,
    kind: "image" as const,
    capability: "images" as const,
    model: params.model,
    byokConf: params.byokConf,
    sent: () => abandonedUsage(params),
    call: (target: UpstreamTarget, _candidate: unknown, signal: AbortSignal) => call(target, signal),
  };
}

function generations(deps: ChatDeps, run: RunEndpoint) {
  return async (event: H3Event): Promise<Response> => {
    const input = endpointInput(event);
    const body = await readJsonRequest(event.req, deps.maxBodyBytes);
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
    const params = validateImageParams(body as Answer, "generations");
    const ran = await run(input, spec(params, "generations", (target, signal) => sendImages(deps.http, target, { operation: "generations", body: params.forward }, signal)));
    return respond(ran, params, 0);
  };
}

function edits(deps: ChatDeps, run: RunEndpoint, limit: number) {
  return async (event: H3Event): Promise<Response> => {
    const input = endpointInput(event);
    const form = await readImageForm(event.req, limit);
    const params = validateImageParams(form.body, "edits");
    checkEditFiles(params, form.files);
    const fields = form.fields.filter(([name]) => name in params.forward);
    const files: ImageFile[] = form.files;
    const inputImages = files.filter((f) => f.field !== "mask").length;
    const ran = await run(input, spec(params, "edits", (target, signal) => sendImages(deps.http, target, { operation: "edits", fields, files }, signal)));
    return respond(ran, params, inputImages);
  };
}

export function registerImageRoutes(app: H3, deps: ChatDeps, run: RunEndpoint, bases: readonly string[], maxUploadBytes = DEFAULT_IMAGES_MAX_BYTES): void {
  const generate = generations(deps, run);
  const edit = edits(deps, run, maxUploadBytes);
  for (const base of bases) {
    app.post(`${base}/images/generations`, generate);
    app.post(`${base}/images/edits`, edit);
  }
}
