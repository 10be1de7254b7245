import { getProvider } from "@switchyard/catalog";
import { describe, expect, it } from "vitest";
import { azureCredentials } from "./credentials.ts";
import { chatUrl, modelsUrl, responsesUrl, supportsCurrentParams } from "./urls.ts";

const parse = (endpoint: string, apiVersion: string) => {
  const target = { provider: getProvider("azure")!, baseUrl: "", upstreamModel: "m", keySource: "byok" as const, untrustedUrl: false };
  const creds = azureCredentials({ ...target, secret: JSON.stringify({ endpoint, apiKey: "k", deploymentName: "dep 1", apiVersion }) }, true);
  if ("ok" in creds) throw new Error(creds.message);
  return creds;
};

describe("Azure addressing", () => {
  it("builds dated, v1 and preview URLs from a normalised endpoint", () => {
    const dated = parse("https://res.openai.azure.com/openai/", "2025-04-01-preview");
    expect(dated.endpoint).toBe("https://res.openai.azure.com");
    expect(chatUrl(dated)).toBe("https://res.openai.azure.com/openai/deployments/dep%201/chat/completions?api-version=2025-04-01-preview");
    expect(responsesUrl(dated)).toBe("https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview");
    expect(modelsUrl(dated)).toBe("https://res.openai.azure.com/openai/models?api-version=2025-04-01-preview");
    const v1 = parse("https://res.openai.azure.com/openai/v1", "v1");
    expect([chatUrl(v1), responsesUrl(v1), modelsUrl(v1)]).toEqual([
      "https://res.openai.azure.com/openai/v1/chat/completions",
      "https://res.openai.azure.com/openai/v1/responses",
      "https://res.openai.azure.com/openai/v1/models",
    ]);
    expect(responsesUrl(parse("https://res.cognitiveservices.azure.com", "preview"))).toBe("https://res.cognitiveservices.azure.com/openai/v1/responses?api-version=preview");
  });

  it("knows which versions take stream_options and max_completion_tokens", () => {
    expect(["2024-06-01", "2024-08-01-preview"].map(supportsCurrentParams)).toEqual([false, false]);
    expect(["2024-09-01-preview", "2024-10-21", "2025-04-01-preview", "v1", "preview"].map(supportsCurrentParams)).toEqual([true, true, true, true, true]);
  });
});
