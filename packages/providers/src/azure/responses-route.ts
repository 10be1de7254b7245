// Azure OpenAI's Responses API: the OpenAI Responses translation with Azure addressing
// (urls.ts) and the `api-key` header. `model` is a deployment name: the catalog's model id is
// sent, so a resource serves a model through a deployment named after it (the portal's default
// name). The key check lists models, which proves endpoint, key and api-version.
import type { ResolveRoute } from "../openai-responses/adapter.ts";
import { azureCredentials, untrustedEndpoint } from "./credentials.ts";
import { modelsUrl, responsesUrl } from "./urls.ts";

export const azureResponsesRoute: ResolveRoute = (target) => {
  const creds = azureCredentials(target, false);
  if ("ok" in creds) return creds;
  const { auth, headers } = target.provider;
  return {
    responsesUrl: responsesUrl(creds),
    validationUrl: modelsUrl(creds),
    headers: { ...headers, [auth.header]: `${auth.prefix}${creds.apiKey}` },
    model: target.upstreamModel,
    untrusted: untrustedEndpoint(target),
  };
};
