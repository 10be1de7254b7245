// Can these candidates serve this endpoint? The model must be of the endpoint's kind, and (for
// endpoints besides chat) its provider must offer the endpoint. Both are 400s that say what to
// call instead.
import type { ModelKind, ProviderDefinition } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import type { ProviderDirectory } from "@switchyard/providers";
import type { Candidate } from "./resolve-model.ts";

export type Capability = keyof NonNullable<ProviderDefinition["supports"]>;

/** The endpoint that serves each kind of model, for the error message. */
const ENDPOINT_OF: Record<ModelKind, string> = {
  chat: "POST /v1/chat/completions",
  embedding: "POST /v1/embeddings",
  speech: "POST /v1/audio/speech",
  transcription: "POST /v1/audio/transcriptions (or /v1/audio/translations)",
  image: "POST /v1/images/generations (or /v1/images/edits)",
  realtime: "GET /v1/realtime (WebSocket)",
};

export interface EndpointRequirement {
  /** The endpoint as clients call it, e.g. "POST /v1/embeddings". */
  endpoint: string;
  kind: ModelKind;
  /** The provider flag the endpoint needs; chat needs none. */
  capability?: Capability;
}

export function checkServes(candidates: readonly Candidate[], need: EndpointRequirement): void {
  const first = candidates[0];
  if (first && first.kind !== need.kind) {
    throw new SwitchyardError("wrong_model_kind", `The model \`${first.modelId}\` is a ${first.kind} model: call ${ENDPOINT_OF[first.kind]}. ${need.endpoint} needs a ${need.kind} model (see GET /v1/models, field kind).`, { param: "model" });
  }
  if (need.capability && !candidates.some((c) => c.entry.definition.supports?.[need.capability!] === true)) {
    const names = [...new Set(candidates.map((c) => `${c.entry.definition.name} (${c.entry.definition.id})`))].join(", ");
    throw new SwitchyardError("endpoint_not_supported", `${names} does not offer ${need.endpoint}.`, { param: "model" });
  }
}

/** A provider named by the request (forced, or pinned as `provider/model`) that lacks the endpoint's capability. Unknown names are left to the model lookup. */
export function checkProviderServes(directory: ProviderDirectory, providerName: string, need: EndpointRequirement): void {
  const definition = directory.get(providerName)?.definition;
  if (!definition || !need.capability || definition.supports?.[need.capability] === true) return;
  throw new SwitchyardError("endpoint_not_supported", `${definition.name} (${definition.id}) does not offer ${need.endpoint}.`, { param: "model" });
}
