// POST /v1/embeddings (and /api/v1/embeddings): validate the body, run the attempts through the
// endpoint runner (keys, modes, failover, kind and provider checks), call the provider's
// embeddings adapter, and answer in OpenAI's format with the cost in `usage`; the usage event's
// endpoint is "embeddings". The answer is checked before the request is billed (one that cannot
// be given bills nothing), then written as the client reads it. When a split request fails after
// some batches succeeded, the tokens those consumed are billed with the error.
import type { H3, H3Event } from "h3";
import { createEmbeddingsRegistry, type EmbeddingsResult, type UpstreamFailure } from "@switchyard/providers";
import { SwitchyardError } from "@switchyard/core";
import { ZERO_USAGE } from "../../chat/meter.ts";
import type { ChatDeps } from "../../chat/run.ts";
import { readJsonRequest } from "../../web/body.ts";
import { endpointInput } from "../input.ts";
import type { RunEndpoint } from "../run-endpoint.ts";
import { API_BASES } from "../routes.ts";
import { readEmbeddingsBody } from "./body.ts";
import { type AnswerBody, embeddingsAnswer } from "./respond.ts";
import { embeddingsUsage, estimatedUsage } from "./usage.ts";

const PATH = "POST /v1/embeddings";

function notOffered(name: string, id: string): UpstreamFailure {
  return { ok: false, kind: "client", status: 400, message: `${name} (${id}) does not offer ${PATH}.`, code: "endpoint_not_supported", param: "model", retryAfter: null };
}

export function embeddingsRoute(deps: ChatDeps, run: RunEndpoint): (event: H3Event) => Promise<Response> {
  const adapters = createEmbeddingsRegistry(deps.http);
  return async (event) => {
    const body = readEmbeddingsBody(await readJsonRequest(event.req, deps.maxBodyBytes));
    const ran = await run<EmbeddingsResult>(endpointInput(event), {
      endpoint: "embeddings",
      path: PATH,
      kind: "embedding",
      capability: "embeddings",
      model: body.model,
      ...(body.byokConf ? { byokConf: body.byokConf } : {}),
      sent: () => estimatedUsage(body.inputs),
      async call(target, _candidate, signal) {
        const adapter = target.provider.supports?.embeddings === true ? adapters(target.provider.protocol) : undefined;
        if (!adapter) return notOffered(target.provider.name, target.provider.id);
        const outcome = await adapter.embed({
          target,
          inputs: body.inputs,
          encoding: body.encoding,
          signal,
          passthrough: body.passthrough,
          ...(body.dimensions !== undefined ? { dimensions: body.dimensions } : {}),
          ...(body.user !== undefined ? { user: body.user } : {}),
          ...(body.inputType !== undefined ? { inputType: body.inputType } : {}),
        });
        if (outcome.ok) return outcome;
        const { consumed, ...failure } = outcome;
        return consumed ? { ...failure, consumed: embeddingsUsage(body.inputs, consumed) } : failure;
      },
    });
    const usage = embeddingsUsage(body.inputs, ran.value);
    let answer: AnswerBody;
    try {
      answer = embeddingsAnswer(ran.value, body.encoding);
    } catch (error) {
      // An answer that cannot be given is not billed; the event records the failure.
      ran.bill(ZERO_USAGE, { status: "upstream_error", httpStatus: 502 });
      throw new SwitchyardError("upstream_error", error instanceof SwitchyardError ? error.message : "The upstream provider sent an unreadable answer.", { cause: error, headers: ran.headers });
    }
    const cost = ran.bill(usage);
    return new Response(answer(usage.promptTokens, cost), { status: 200, headers: { "content-type": "application/json", ...ran.headers } });
  };
}

export function registerEmbeddings(app: H3, deps: ChatDeps, run: RunEndpoint): void {
  const handler = embeddingsRoute(deps, run);
  for (const base of API_BASES) app.post(`${base}/embeddings`, handler);
}
