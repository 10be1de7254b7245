import { describe, expect, it } from "vitest";
import { getProvider, models, modelKind } from "./index.ts";

// A provider's `speech` flag gates /v1/audio/speech, its `transcription` flag /v1/audio/transcriptions
// and /translations: each audio model must be offered only where its endpoint is served.
const byKind = (kind: "speech" | "transcription") => models.filter((m) => modelKind(m) === kind).map((m) => [m.id, m] as const);

describe("audio models", () => {
  it.each(byKind("speech"))("%s is offered only by providers that serve /v1/audio/speech", (_id, model) => {
    for (const offering of model.offerings) expect(getProvider(offering.providerId)?.supports?.speech, offering.providerId).toBe(true);
  });

  it.each(byKind("transcription"))("%s is offered only by providers that serve /v1/audio/transcriptions", (_id, model) => {
    for (const offering of model.offerings) expect(getProvider(offering.providerId)?.supports?.transcription, offering.providerId).toBe(true);
  });

  it("Groq transcribes but does not speak", () => {
    expect(getProvider("groq")?.supports).toMatchObject({ transcription: true });
    expect(getProvider("groq")?.supports?.speech).not.toBe(true);
  });
});
