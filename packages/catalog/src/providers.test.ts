import { describe, expect, it } from "vitest";
import { getProvider, models, providerIds, providers } from "./index.ts";

const EXPECTED = [
  "openai", "openrouter", "chutes", "groq", "sambanova", "vercel", "novita", "meganova", "siliconflow", "akash", "nvidia",
  "zai", "gmicloud", "cerebras", "deepinfra", "hyperbolic", "morpheus", "fireworks", "together", "deepseek", "moonshot", "sarvam",
];

describe("providers", () => {
  it("lists every provider once, in order", () => {
    expect(providerIds).toEqual(EXPECTED);
    expect(providers.map((p) => p.id)).toEqual(EXPECTED);
  });

  it("has well-formed ids", () => {
    for (const id of providerIds) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("looks providers up by id", () => {
    expect(getProvider("groq")?.baseUrl).toBe("https://api.groq.com/openai/v1");
    expect(getProvider("nope")).toBeUndefined();
  });

  describe.each(providers.map((p) => [p.id, p] as const))("%s", (id, provider) => {
    it("has an https base URL with a version path and no trailing slash", () => {
      const url = new URL(provider.baseUrl);
      expect(url.protocol).toBe("https:");
      expect(provider.baseUrl.endsWith("/")).toBe(false);
      expect(url.pathname.length).toBeGreaterThan(1);
      expect(url.search + url.hash).toBe("");
    });

    it("is OpenAI-compatible with a key and a lower-case auth header", () => {
      expect(provider.protocol).toBe("openai-compatible");
      expect(provider.credentials).toBe("key");
      expect(provider.auth.header).toBe(provider.auth.header.toLowerCase());
      if (provider.auth.header === "authorization") expect(provider.auth.prefix).toBe("Bearer ");
    });

    it("has a validation request under its base URL", () => {
      expect(provider.validation.path).toMatch(/^\/[a-z/_-]+$/);
      if (provider.validation.method === "POST") {
        expect(provider.validation.path).toBe("/chat/completions");
        expect(provider.validation.body).toMatchObject({ model: expect.any(String), max_tokens: 1 });
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
