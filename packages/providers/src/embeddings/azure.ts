// Embeddings on Azure OpenAI: the OpenAI body on a deployment,
//   dated api-version:  POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version={v}
//   v1 / preview:       POST {endpoint}/openai/v1/embeddings   (model: the deployment name)
// with the key in `api-key` (learn.microsoft.com/azure/ai-foundry/openai/reference). The
// deployment is the credentials' optional `embeddingDeploymentName`, else one named after the
// model (the portal's default name, as for the Responses API). Floats are always asked for: older
// api-versions do not know `encoding_format`, and the gateway encodes base64 itself.
import type { UpstreamHttp } from "../http.ts";
import { azureCredentials, deploymentFor, untrustedEndpoint } from "../azure/credentials.ts";
import { deploymentUrl } from "../azure/urls.ts";
import { readJson, sendUpstream } from "../openai-responses/send.ts";
import { inBatches, type BatchOutcome } from "./batches.ts";
import { readOpenAIAnswer } from "./openai-answer.ts";
import { OPENAI_BATCH, openAIBody } from "./openai-compatible.ts";
import type { EmbeddingInput, EmbeddingsAdapter } from "./types.ts";

export function azureEmbeddings(http: UpstreamHttp): EmbeddingsAdapter {
  return {
    async embed(request) {
      const { target, signal } = request;
      const creds = azureCredentials(target, false);
      if ("ok" in creds) return creds;
      const deployment = deploymentFor(target, "embeddingDeploymentName");
      const url = deploymentUrl(creds, deployment, "/embeddings");
      const headers = { ...target.provider.headers, "content-type": "application/json", accept: "application/json", "api-key": creds.apiKey };
      const send = async (batch: readonly EmbeddingInput[]): Promise<BatchOutcome> => {
        const sent = await sendUpstream(http, url, { method: "POST", headers, body: openAIBody(request, batch, deployment, undefined), signal, untrusted: untrustedEndpoint(target) });
        if (!sent.ok) return sent;
        const read = await readJson<unknown>(http, sent.res, signal);
        return read.ok ? readOpenAIAnswer(read.value, batch.length, target.upstreamModel) : read;
      };
      return inBatches(request.inputs, OPENAI_BATCH, send);
    },
  };
}
