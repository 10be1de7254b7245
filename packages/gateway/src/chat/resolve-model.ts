// From the request's `model` (and a forced provider, if any) to the ordered upstream candidates.
// `provider/model` pins a provider; a bare model id maps through the catalog to its providers.
import { type ModelDefinition, type ModelKind, type ModelOffering, getModel, modelKind, models } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import type { ProviderDirectory, ProviderEntry } from "@switchyard/providers";

export interface Candidate {
  entry: ProviderEntry;
  modelId: string;
  /** What the model does: the endpoint that serves it. */
  kind: ModelKind;
  upstreamModel: string;
  offering: ModelOffering;
}

function byUpstreamId(id: string): Array<{ model: ModelDefinition; offering: ModelOffering }> {
  return models.flatMap((model) => model.offerings.filter((o) => o.upstreamModel === id).map((offering) => ({ model, offering })));
}

export function resolveCandidates(directory: ProviderDirectory, requested: string, forcedName: string | undefined): Candidate[] {
  if (forcedName !== undefined && !directory.has(forcedName)) {
    throw new SwitchyardError("unknown_provider", `Unknown provider "${forcedName}". See GET /v1/models for providers.`, { param: "provider" });
  }
  // Aliases (e.g. google-ai-studio) resolve to their provider's canonical id.
  const forcedProvider = forcedName === undefined ? undefined : directory.get(forcedName)!.definition.id;
  const slash = requested.indexOf("/");
  const prefix = slash > 0 ? requested.slice(0, slash) : "";
  const pin = directory.get(prefix);
  if (pin) return pinned(directory, pin.definition.id, requested.slice(slash + 1), forcedProvider);

  const model = getModel(requested);
  const matches = model ? model.offerings.map((offering) => ({ model, offering })) : byUpstreamId(requested);
  if (matches.length === 0) {
    throw new SwitchyardError("model_not_found", `The model \`${requested}\` does not exist or is not offered by this gateway. See GET /v1/models.`, { param: "model" });
  }
  const candidates = matches
    .filter(({ offering }) => forcedProvider === undefined || offering.providerId === forcedProvider)
    .flatMap(({ model: m, offering }) => {
      const entry = directory.get(offering.providerId);
      return entry ? [{ entry, modelId: m.id, kind: modelKind(m), upstreamModel: offering.upstreamModel, offering }] : [];
    });
  if (candidates.length === 0) {
    throw new SwitchyardError("model_not_offered", `Provider ${forcedProvider} does not offer \`${requested}\`. See GET /v1/models.`, { param: "model" });
  }
  return candidates;
}

function pinned(directory: ProviderDirectory, providerId: string, modelPart: string, forced: string | undefined): Candidate[] {
  if (forced !== undefined && forced !== providerId) {
    throw new SwitchyardError("invalid_request", `The model pins provider ${providerId} but the request forces ${forced}.`, { param: "model" });
  }
  const entry = directory.get(providerId)!;
  const model = getModel(modelPart);
  const offering =
    model?.offerings.find((o) => o.providerId === providerId) ??
    byUpstreamId(modelPart).find(({ offering: o }) => o.providerId === providerId)?.offering;
  if (!offering) {
    throw new SwitchyardError("model_not_offered", `Provider ${providerId} does not offer \`${modelPart}\`. See GET /v1/models.`, { param: "model" });
  }
  const found = model ?? byUpstreamId(modelPart).find(({ offering: o }) => o === offering)!.model;
  return [{ entry, modelId: found.id, kind: modelKind(found), upstreamModel: offering.upstreamModel, offering }];
}
