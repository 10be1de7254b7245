import { describe, expect, it } from "vitest";
import { getProvider, models, providerIds, providers } from "./index.ts";

const EXPECTED = [
  "openai", "openrouter", "chutes", "groq", "sambanova", "vercel", "novita", "meganova", "siliconflow", "akash", "nvidia",
  "zai", "gmicloud", "cerebras", "deepinfra", "hyperbolic", "morpheus", "fireworks", "together", "deepseek", "moonshot", "sarvam",
  "google", "anthropic", "azure-anthropic-foundry", "openai-responses", "azure", "azure-responses", "aws",
];

describe("providers", () => {
  it("lists every provider once, in order", () => {
    expect(providerIds).toEqual(EXPECTED);
    expect(providers.map((p) => p.id)).toEqual(EXPECTED);
  });

  it("has well-formed ids", () => {
    for (const id of providerIds) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has aliases that are well-formed and name no other provider", () => {
    const names = [...providerIds, ...providers.flatMap((p) => p.aliases ?? [])];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(getProvider("google")?.aliases).toEqual(["google-ai-studio"]);
  });

  it("looks providers up by id", () => {
    expect(getProvider("groq")?.baseUrl).toBe("https://api.groq.com/openai/v1");
    expect(getProvider("nope")).toBeUndefined();
  });

  describe.each(providers.map((p) => [p.id, p] as const))("%s", (id, provider) => {
    it("has an https base URL (with a version path unless native) and no trailing slash", () => {
      const url = new URL(provider.baseUrl);
      expect(url.protocol).toBe("https:");
      expect(provider.baseUrl.endsWith("/")).toBe(false);
      if (provider.protocol === "openai-compatible") expect(url.pathname.length).toBeGreaterThan(1);
      expect(url.search + url.hash).toBe("");
    });

    it("takes a key (OpenAI-compatible) and has a lower-case auth header", () => {
      if (provider.protocol === "openai-compatible") expect(provider.credentials).toBe("key");
      expect(provider.auth.header).toBe(provider.auth.header.toLowerCase());
      // Bedrock signs with SigV4 (its `auth` only names the scheme).
      if (provider.auth.header === "authorization") expect(provider.auth.prefix).toBe(provider.protocol === "bedrock" ? "AWS4-HMAC-SHA256 " : "Bearer ");
    });

    it("has a validation request under its base URL", () => {
      expect(provider.validation.path).toMatch(/^\/[a-z0-9/_-]+(\?[a-zA-Z0-9=&]+)?$/);
      if (provider.validation.method === "POST") {
        expect(["/chat/completions", "/messages"]).toContain(provider.validation.path);
        // Azure: the model is the key's deployment, and reasoning deployments refuse max_tokens.
        expect(provider.validation.body).toMatchObject(provider.protocol === "azure" ? { max_completion_tokens: 1 } : { model: expect.any(String), max_tokens: 1 });
      } else {
        expect(provider.validation.body).toBeUndefined();
      }
    });

    it("has https docs", () => {
      expect(new URL(provider.docsUrl).protocol).toBe("https:");
    });

    it("offers at least one catalog model", () => {
      expect(models.some((m) => m.offerings.some((o) => o.providerId === id))).toBe(true);
    });

    it("drops only distinct, non-essential parameters", () => {
      const drop = provider.quirks.dropParams ?? [];
      expect(new Set(drop).size).toBe(drop.length);
      for (const param of ["model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens"]) {
        expect(drop).not.toContain(param);
      }
    });
  });

  it("sends OpenRouter's attribution headers", () => {
    expect(getProvider("openrouter")?.headers).toEqual({ "HTTP-Referer": "https://github.com/switchyard", "X-Title": "Switchyard" });
  });
});
