import type { ModelDefinition, ModelKind } from "./types.ts";

/** A model's kind; models without one are chat models. */
export function modelKind(model: Pick<ModelDefinition, "kind">): ModelKind {
  return model.kind ?? "chat";
}
