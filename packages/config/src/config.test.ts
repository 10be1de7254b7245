import { describe, expect, it } from "vitest";
import { SwitchyardError } from "@switchyard/core";
import { loadConfig } from "./config.ts";

const key32 = Buffer.alloc(32, 7).toString("base64");

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchyardError);
    return (error as Error).message;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig", () => {
  it("applies the documented defaults on an empty environment", () => {
    const c = loadConfig({});
    expect(c.ports).toEqual({ gateway: 8080, api: 4000, worker: 8090 });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\.switchyard$/);
    expect(c.bootstrap.enabled).toBe(true);
    expect(c.env).toBe("development");
  });

  it("parses versioned master keys and flags", () => {
    const c = loadConfig({ SWITCHYARD_MASTER_KEYS: `1:${key32}, 2:${key32}`, SWITCHYARD_BOOTSTRAP: "0", GATEWAY_PORT: "9000" });
    expect([...c.masterKeys!.keys()]).toEqual([1, 2]);
    expect(c.masterKeys!.get(2)!.length).toBe(32);
    expect(c.bootstrap.enabled).toBe(false);
    expect(c.ports.gateway).toBe(9000);
  });

  it("lists every bad variable in one message, with what each expects", () => {
    const message = failure({
      GATEWAY_PORT: "http",
      DATABASE_URL: "mysql://x",
      SWITCHYARD_MASTER_KEYS: "1:short",
      SWITCHYARD_BOOTSTRAP: "maybe",
      LOG_LEVEL: "loud",
    });
    for (const name of ["GATEWAY_PORT", "DATABASE_URL", "SWITCHYARD_MASTER_KEYS", "SWITCHYARD_BOOTSTRAP", "LOG_LEVEL"]) {
      expect(message).toContain(name);
    }
    expect(message).toContain("postgres://");
    expect(message).toContain("base64 of 32 bytes");
  });

  it("never echoes a rejected secret value", () => {
    const secret = "1:" + Buffer.alloc(16, 9).toString("base64");
    expect(failure({ SWITCHYARD_MASTER_KEYS: secret })).not.toContain(secret.slice(2));
  });

  it("requires real secrets in production", () => {
    const message = failure({ NODE_ENV: "production" });
    expect(message).toContain("SWITCHYARD_MASTER_KEYS");
    expect(message).toContain("SWITCHYARD_API_KEY_HMAC_SECRET");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", API_PORT: "" }).ports.api).toBe(4000);
  });

  it("reads web-search house keys and base URLs by provider id", () => {
    const c = loadConfig({
      SWITCHYARD_WEBSEARCH_TAVILY_API_KEY: "tvly-house",
      SWITCHYARD_WEBSEARCH_TAVILY_BASE_URL: "http://127.0.0.1:9999/tavily/",
      SWITCHYARD_WEBSEARCH_KAGI_API_KEY: "kagi-house",
    });
    expect(c.webSearch.get("tavily")).toEqual({ apiKey: "tvly-house", baseUrl: "http://127.0.0.1:9999/tavily" });
    expect(c.webSearch.get("kagi")).toEqual({ apiKey: "kagi-house" });
    expect(c.webSearch.has("exa")).toBe(false);
    expect(c.providers.has("tavily")).toBe(false);
  });

  it("refuses unknown web-search providers and bad web-search base URLs, naming the known ones", () => {
    const message = failure({ SWITCHYARD_WEBSEARCH_BING_API_KEY: "x", SWITCHYARD_WEBSEARCH_EXA_BASE_URL: "api.exa.ai" });
    expect(message).toContain('SWITCHYARD_WEBSEARCH_BING_API_KEY: unknown web-search provider "bing" (known: tavily, exa, kagi, perplexity)');
    expect(message).toContain("SWITCHYARD_WEBSEARCH_EXA_BASE_URL: expected an http(s) URL");
  });

  it("does not take a web-search provider for a model provider", () => {
    expect(failure({ SWITCHYARD_PROVIDER_TAVILY_API_KEY: "x" })).toContain('unknown provider "tavily"');
  });

  it("limits what is read of an upstream answer to SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB (256 by default)", () => {
    expect(loadConfig({}).upstream.maxResponseBytes).toBe(256 * 1024 * 1024);
    expect(loadConfig({ SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB: "64" }).upstream.maxResponseBytes).toBe(67_108_864);
    expect(failure({ SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB: "-1" })).toContain("SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB");
  });

  it("limits audio uploads to SWITCHYARD_AUDIO_MAX_MB (25 by default, as OpenAI)", () => {
    expect(loadConfig({}).audio.maxFileBytes).toBe(25 * 1024 * 1024);
    expect(loadConfig({ SWITCHYARD_AUDIO_MAX_MB: "1.5" }).audio.maxFileBytes).toBe(1_572_864);
    expect(failure({ SWITCHYARD_AUDIO_MAX_MB: "0" })).toContain("SWITCHYARD_AUDIO_MAX_MB");
  });
});
