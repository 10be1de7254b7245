// Embedding models are offered only where the provider serves /v1/embeddings, and priced by input.
import { describe, expect, it } from "vitest";
import { getProvider, models, modelKind } from "./index.ts";

const embeddings = models.filter((m) => modelKind(m) === "embedding");

describe("embedding models", () => {
  it("include OpenAI, Google AI Studio, Bedrock and open models", () => {
    expect(embeddings.map((m) => m.id)).toEqual(expect.arrayContaining(["text-embedding-3-small", "gemini-embedding-001", "amazon.titan-embed-text-v2", "cohere.embed-english-v3"]));
  });
  it.each(embeddings.map((m) => [m.id, m] as const))("%s is offered at providers that support embeddings, with no output price", (_id, model) => {
    for (const offering of model.offerings) {
      expect(getProvider(offering.providerId)?.supports?.embeddings, offering.providerId).toBe(true);
      for (const price of offering.prices) expect(price.outputPerMTok).toBe("0");
    }
  });
});
